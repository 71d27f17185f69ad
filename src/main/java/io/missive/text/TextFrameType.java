package io.missive.text;

/** The frame types of the text push protocol: the 4-byte field after a server frame's size. */
public enum TextFrameType {
    /** Data is a short text: {@code OK}, {@code H}, {@code CLOSE_WAIT}. */
    RESPONSE(0),
    /** Data is an error code, optionally a space and a reason. */
    ERROR(1),
    /** Data is a message: Missive's layout, see {@link TextFrame.Message}. */
    MESSAGE(2),
    /** Data is {@code ACK 1 <message_id> <client_id>} or {@code ACK 0 ...}, the answer to PUB. */
    ACK(3);

    private final int code;

    TextFrameType(int code) {
        this.code = code;
    }

    /** The value on the wire. */
    public int code() {
        return code;
    }

    /** The type with this wire value, or null when there is none. */
    public static TextFrameType ofCode(long code) {
        for (TextFrameType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
