package io.missive.binary;

/**
 * The Code of CONNECT_ACK. 0, 1 and 3 are the seed's; 4 to 7 are Missive additions. After any
 * code but {@link #ACCEPTED} the server closes the connection.
 */
public enum ConnectCode {
    /** 0: connection accepted (seed). */
    ACCEPTED(0),
    /** 1: the user is already connected and the server refuses a second session (seed). */
    DUPLICATE_LOGIN(1),
    /** 3: username or password is wrong (seed). */
    BAD_CREDENTIALS(3),
    /** 4: the CONNECT frame was malformed (Missive addition). */
    MALFORMED_CONNECT(4),
    /** 5: the authentication service could not be reached or did not answer in time (Missive addition). */
    AUTH_SERVICE_UNAVAILABLE(5),
    /** 6: the account exists but is disabled (Missive addition). */
    ACCOUNT_DISABLED(6),
    /** 7: the server is busy or shutting down; try again later (Missive addition). */
    SERVER_UNAVAILABLE(7);

    private final int code;

    ConnectCode(int code) {
        this.code = code;
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    /** The constant with this wire code, or null when the code is not one of these. */
    public static ConnectCode ofCode(int code) {
        for (ConnectCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
