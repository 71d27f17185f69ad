package io.missive.msgd;

/**
 * msgd's message types, the {@code type} field of the msgd header. A reply's type is its request's
 * plus one ({@link #replyTo(int)}), except for an unknown type, which the reply repeats unchanged.
 */
public final class MsgdType {

    /** A join as a NORMAL client: never receives anything. */
    public static final int NORMAL_JOIN = 0x100;
    /** A join as a PUBLISHER: may publish to a group. */
    public static final int PUBLISHER_JOIN = 0x102;
    /** A join as a SUBSCRIBER: receives deliveries. */
    public static final int SUBSCRIBER_JOIN = 0x104;
    /** A join as BOTH publisher and subscriber. */
    public static final int BOTH_JOIN = 0x106;
    public static final int KEEPALIVE = 0x108;
    /** A publish to a group, client to server. */
    public static final int PUBLISH = 0x10A;
    /** A p2p message, client to server. */
    public static final int P2P = 0x10C;
    /** A delivery, server to client (trpc type 0); the same number as {@link #P2P}. */
    public static final int DELIVERY = 0x10C;
    /** The completion of a p2p or publish, server to client (trpc type 0). */
    public static final int COMPLETION = 0x10E;

    private MsgdType() {
    }

    /** Whether the type is one of the four joins. */
    public static boolean isJoin(int type) {
        return type == NORMAL_JOIN || type == PUBLISHER_JOIN || type == SUBSCRIBER_JOIN || type == BOTH_JOIN;
    }

    /** Whether a client may send the type: a join, a keepalive, a publish or a p2p. */
    public static boolean isRequest(int type) {
        return isJoin(type) || type == KEEPALIVE || type == PUBLISH || type == P2P;
    }

    /** The type of the reply to a request of this type: the type plus one. */
    public static int replyTo(int requestType) {
        return requestType + 1;
    }

    /**
     * A name for logs: {@code "BOTH_JOIN"}, {@code "P2P"}, ... for the types a client sends,
     * {@code "0x10e"}-style hex for every other.
     */
    public static String name(int type) {
        return switch (type) {
            case NORMAL_JOIN -> "NORMAL_JOIN";
            case PUBLISHER_JOIN -> "PUBLISHER_JOIN";
            case SUBSCRIBER_JOIN -> "SUBSCRIBER_JOIN";
            case BOTH_JOIN -> "BOTH_JOIN";
            case KEEPALIVE -> "KEEPALIVE";
            case PUBLISH -> "PUBLISH";
            case P2P -> "P2P";
            default -> "0x" + Integer.toHexString(type);
        };
    }
}
