package io.missive.msgd;

/**
 * msgd's timers and rules.
 *
 * @param joinTimeoutMillis     time a new connection has to join
 * @param livenessTimeoutMillis a joined client silent for longer is closed (the original: 60 s)
 * @param createUnknown         whether a join (or a message) naming an unknown group or user creates it;
 *                              false refuses the join with 11003
 * @param unpersistedTtlMillis  how long a message sent with persistTime 0 is kept: long enough for the
 *                              recipients online at its commit, not for one that joins later
 */
public record MsgdSettings(long joinTimeoutMillis, long livenessTimeoutMillis, boolean createUnknown,
                          long unpersistedTtlMillis) {

    public static final String JOIN_TIMEOUT = "missive.msgd.join-timeout";
    public static final String LIVENESS_TIMEOUT = "missive.msgd.liveness-timeout";
    public static final String CREATE_UNKNOWN = "missive.msgd.create-unknown";
    public static final String UNPERSISTED_TTL = "missive.msgd.unpersisted-ttl";

    public MsgdSettings {
        if (joinTimeoutMillis <= 0 || livenessTimeoutMillis <= 0 || unpersistedTtlMillis <= 0) {
            throw new IllegalArgumentException("msgd's timeouts and the unpersisted time to live must be positive");
        }
    }
}
