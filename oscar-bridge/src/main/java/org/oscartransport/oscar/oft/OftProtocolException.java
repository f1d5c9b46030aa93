package org.oscartransport.oscar.oft;

import io.netty.handler.codec.DecoderException;

/** Bytes on an OFT connection that are not a valid OFT2 header (bad magic, impossible length, ...). */
public final class OftProtocolException extends DecoderException {

    private static final long serialVersionUID = 1L;

    public OftProtocolException(String message) {
        super(message);
    }
}
