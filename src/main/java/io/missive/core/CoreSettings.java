package io.missive.core;

import io.missive.core.session.DeliverySettings;
import io.missive.core.session.DuplicateLoginPolicy;

/**
 * The core's tunables.
 *
 * @param maxPayloadBytes largest payload accepted from any protocol
 * @param defaultTtlMillis time to live of a message whose publisher gave none; 0 keeps it until delivered
 */
public record CoreSettings(DuplicateLoginPolicy duplicateLogin, DeliverySettings delivery,
                           int maxPayloadBytes, long defaultTtlMillis) {

    public static CoreSettings defaults() {
        return new CoreSettings(DuplicateLoginPolicy.REFUSE, DeliverySettings.defaults(), 65_535, 0);
    }
}
