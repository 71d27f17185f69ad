package io.missive.binary;

/**
 * The frame types of the binary protocol: the first byte of every frame, and who may send it.
 * Types 1 to 9, 11 and 12 are the seed's; 10 ({@link #PUB_REFUSED}) and 13 ({@link #RICH_PUSH})
 * are Missive additions.
 */
public enum FrameType {
    /** Client to server: log in. Must be the first frame of a connection. */
    CONNECT(1, true, false),
    /** Server to client: the answer to CONNECT. */
    CONNECT_ACK(2, false, true),
    /** Client to server: a message to one user; server to client: a push (a different layout). */
    PUBLISH(3, true, true),
    /** Both directions: the server acknowledges a PUBLISH, the client acknowledges a push. */
    PUB_ACK(4, true, true),
    /** Client to server: a message to a group. */
    GROUP_PUBLISH(5, true, false),
    /** Server to client: the answer to GROUP_PUBLISH. */
    GROUP_PUB_ACK(6, false, true),
    /** Both directions: a heartbeat request, answered with PING_RESP. */
    PING(7, true, true),
    /** Both directions: the answer to PING. */
    PING_RESP(8, true, true),
    /** Both directions: the sender is closing the connection. */
    DISCONNECT(9, true, true),
    /** Server to client (Missive addition): a publish was refused. */
    PUB_REFUSED(10, false, true),
    /** Client to server: a message to some members of a group. */
    GROUP_PART_PUBLISH(11, true, false),
    /** Server to client: the answer to GROUP_PART_PUBLISH. */
    GROUP_PART_PUB_ACK(12, false, true),
    /** Server to client (Missive addition): a push with sender, group, sequence number and time. */
    RICH_PUSH(13, false, true);

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final boolean sentByClients;
    private final boolean sentByServers;

    FrameType(int code, boolean sentByClients, boolean sentByServers) {
        this.code = code;
        this.sentByClients = sentByClients;
        this.sentByServers = sentByServers;
    }

    /** The type byte on the wire, 1 to 13. */
    public int code() {
        return code;
    }

    /** Whether a client may send frames of this type to the server. */
    public boolean sentByClients() {
        return sentByClients;
    }

    /** Whether the server may send frames of this type to a client. */
    public boolean sentByServers() {
        return sentByServers;
    }

    /** The type with this wire code (0 to 255), or null when there is none. */
    public static FrameType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
