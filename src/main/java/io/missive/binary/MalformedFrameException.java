package io.missive.binary;

/**
 * A frame's bytes do not form a frame that may be received in this direction: empty, an unknown
 * or wrong-direction type, truncated, lengths that disagree with the bytes that follow, trailing
 * bytes, an invalid uid or group id, or text that is not UTF-8. The message says precisely what is
 * wrong, for the log and for the WebSocket close reason.
 *
 * <p>Thrown in great numbers by a hostile peer, so it records no stack trace.
 */
public final class MalformedFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Wraps a reason, such as {@code "PUBLISH: PayloadLen 11 but 9 bytes follow"}. */
    public MalformedFrameException(String reason) {
        super(reason, null, false, false);
    }
}
