package io.missive.text;

/**
 * Bytes that are not a server frame of the text push protocol: too short, a size that disagrees
 * with the bytes, an unknown type, or data that does not fit its type. The message says precisely
 * what is wrong. Raised only on the client side ({@link TextCodec#decodeServerFrame}); the server
 * reports bad client input as {@link TextCommand.Malformed} instead.
 */
public final class MalformedTextFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Wraps a reason, such as {@code "frame size 9 but 6 bytes follow"}. */
    public MalformedTextFrameException(String reason) {
        super(reason, null, false, false);
    }
}
