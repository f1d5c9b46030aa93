package org.oscartransport.oscar.icbm;

/** A text would need more ICBMs than one message may be split into; nothing was sent. */
public final class MessageTooLongException extends IllegalArgumentException {

    public MessageTooLongException(int parts, int maxMessageData, int maxParts) {
        super("Message too long: it would take " + parts + " ICQ messages of at most " + maxMessageData
                + " bytes; the limit is " + maxParts);
    }
}
