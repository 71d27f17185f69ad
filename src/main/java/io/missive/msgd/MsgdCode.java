package io.missive.msgd;

import java.nio.charset.StandardCharsets;

/**
 * The codes of a reply's body {@code {errCode=N}}. Every code but {@link #OK} closes the connection
 * after the reply, as the original server did.
 */
public enum MsgdCode {
    OK(10000),
    /** The request type is none a client sends; the reply repeats the type unchanged. */
    UNKNOWN_TYPE(11001),
    /** The header's version is below {@code "V200"}. */
    OLD_VERSION(11002),
    /** The join body is unparsable, a name is not 1..31 bytes, or the join was refused. */
    JOIN_FAILED(11003),
    /** A keepalive before the join. */
    NOT_JOINED(11004),
    /** A publish or p2p body is unparsable, or the message could not be queued. */
    BAD_PUBLISH(11005),
    /** A publish from a client that joined as neither PUBLISHER nor BOTH. */
    NOT_A_PUBLISHER(11006);

    private final int code;

    MsgdCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The reply body, {@code {errCode=N}} in ASCII, without a NUL. */
    public byte[] body() {
        return ("{errCode=" + code + "}").getBytes(StandardCharsets.US_ASCII);
    }

    /** The code with this number, or null. */
    public static MsgdCode ofCode(int code) {
        for (MsgdCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
