package io.missive.binary;

/**
 * The Code of PUB_REFUSED (a Missive addition): why the server did not accept a PUBLISH,
 * GROUP_PUBLISH or GROUP_PART_PUBLISH. A refused message is not stored and is not delivered.
 */
public enum RefusalCode {
    /** 1: the ToUid of a PUBLISH is no known user. */
    UNKNOWN_RECIPIENT(1),
    /** 2: the sender is not a member of the group. */
    NOT_A_MEMBER(2),
    /** 3: the group does not exist. */
    UNKNOWN_GROUP(3),
    /** 4: the payload is over the server's configured limit. */
    PAYLOAD_TOO_LARGE(4),
    /** 5: the sender may not send this message (for example, a policy forbids it). */
    NOT_ALLOWED(5),
    /** 6: the server failed to store the message; it is not stored and the client may retry later. */
    SERVER_ERROR(6);

    private final int code;

    RefusalCode(int code) {
        this.code = code;
    }

    /** The byte on the wire. */
    public int code() {
        return code;
    }

    /** The constant with this wire code, or null when the code is not one of these. */
    public static RefusalCode ofCode(int code) {
        for (RefusalCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
