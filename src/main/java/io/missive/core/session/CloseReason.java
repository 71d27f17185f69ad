package io.missive.core.session;

/** Why the server ends a session. Protocol adapters turn it into their own disconnect. */
public enum CloseReason {
    REPLACED("replaced by a newer login of the same user"),
    /** The refuse policy, found out as a split cluster healed: the older login on another node stays. */
    CONNECTED_ELSEWHERE("the user was connected on another node first"),
    NO_ACKNOWLEDGEMENT("a push was not acknowledged after the last resend"),
    KICKED("removed by an administrator"),
    PING_TIMEOUT("no answer to the server's ping"),
    SILENT("silent for longer than its heartbeat allows"),
    PROTOCOL_ERROR("protocol error"),
    TOO_SLOW("the client does not read fast enough"),
    SHUTDOWN("the server is shutting down"),
    /** A node of a cluster that lost its database sends its clients to the others. */
    DATABASE_UNREACHABLE("this node cannot reach its database: reconnect, another node takes over");

    private final String text;

    CloseReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
