package io.missive.core;

import io.missive.core.session.DeliverySettings;
import io.missive.core.session.DuplicateLoginPolicy;

/**
 * The core's tunables.
 *
 * @param maxPayloadBytes largest payload accepted from any protocol
 * @param defaultTtlMillis time to live of a message whose publisher gave none; 0 keeps it until delivered
 * @param inboundBacklog  frames one connection may have received and not yet handled before its transport
 *                        stops reading from it (and reads again below a quarter of that); where a
 *                        transport cannot stop reading, sixteen times this closes the connection
 */
public record CoreSettings(DuplicateLoginPolicy duplicateLogin, DeliverySettings delivery,
                           int maxPayloadBytes, long defaultTtlMillis, int inboundBacklog) {

    public static final int DEFAULT_INBOUND_BACKLOG = 64;

    public CoreSettings {
        if (inboundBacklog < 4) {
            throw new IllegalArgumentException("the inbound backlog must be at least 4 frames, not " + inboundBacklog);
        }
    }

    public CoreSettings(DuplicateLoginPolicy duplicateLogin, DeliverySettings delivery, int maxPayloadBytes,
                        long defaultTtlMillis) {
        this(duplicateLogin, delivery, maxPayloadBytes, defaultTtlMillis, DEFAULT_INBOUND_BACKLOG);
    }

    public static CoreSettings defaults() {
        return new CoreSettings(DuplicateLoginPolicy.REFUSE, DeliverySettings.defaults(), 65_535, 0);
    }
}
