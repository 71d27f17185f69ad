package io.missive.text;

/**
 * The error codes of the text push protocol, as the first word of an error frame's data. The seed
 * names E_INVALID, E_INVALID_CLIENT and E_BAD_CHANNEL; the others follow NSQ, which the seed copies.
 * The codec itself only ever reports {@link #E_INVALID}, {@link #E_BAD_CHANNEL}, {@link #E_BAD_BODY}
 * and {@link #E_BAD_PROTOCOL}; the rest are the session's.
 */
public final class TextErrorCode {

    /** An unknown command, a wrong argument count, or an argument that is not of its form. */
    public static final String E_INVALID = "E_INVALID";
    /** A channel id that is not a positive 64-bit decimal number. */
    public static final String E_BAD_CHANNEL = "E_BAD_CHANNEL";
    /** A body size that is over the limit, or 0 where a body is required (IDENTIFY). */
    public static final String E_BAD_BODY = "E_BAD_BODY";
    /** The first four bytes are not the magic {@code "  V1"}. */
    public static final String E_BAD_PROTOCOL = "E_BAD_PROTOCOL";
    /** The session's: the client is unknown, not identified yet, or its token is wrong. */
    public static final String E_INVALID_CLIENT = "E_INVALID_CLIENT";
    /**
     * Missive's: the server is closing an identified connection (replaced by a newer connection
     * of the device, unconfirmed messages, silence, shutdown); the text says which.
     */
    public static final String E_CLOSED = "E_CLOSED";

    /**
     * Missive's: the server failed while handling the client's command (the database is down, say);
     * the connection is closed and the client may connect again later.
     */
    public static final String E_INTERNAL = "E_INTERNAL";

    private TextErrorCode() {
    }
}
