package io.missive.tcp;

import io.netty.handler.codec.DecoderException;

/** A length prefix announced a frame over the listener's limit; the frame is not read. */
final class OversizedFrameException extends DecoderException {

    private final long size;
    private final long limit;

    OversizedFrameException(long size, long limit) {
        super("a frame of " + size + " bytes; the limit is " + limit);
        this.size = size;
        this.limit = limit;
    }

    long size() {
        return size;
    }

    long limit() {
        return limit;
    }
}
