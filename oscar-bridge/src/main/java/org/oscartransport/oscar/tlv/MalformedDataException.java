package org.oscartransport.oscar.tlv;

import io.netty.handler.codec.CorruptedFrameException;

/** Input that does not fit its own length fields. Closes the connection it came from, nothing else. */
public final class MalformedDataException extends CorruptedFrameException {

    public MalformedDataException(String message) {
        super(message);
    }
}
