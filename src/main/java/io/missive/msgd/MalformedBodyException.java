package io.missive.msgd;

/**
 * A join, p2p or publish body (deciphered) that does not parse: braces or commas missing, a name
 * empty, over 31 bytes or not UTF-8, a persist time that is no integer >= 0, a message empty or over
 * 1024 bytes. The message says precisely what is wrong, in printable ASCII, fit for one log line.
 *
 * <p>Thrown in great numbers by a hostile peer, so it records no stack trace.
 */
public final class MalformedBodyException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedBodyException(String reason) {
        super(reason, null, false, false);
    }
}
