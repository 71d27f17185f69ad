package io.missive.core;

import io.missive.core.auth.LoginThrottle;
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
 * @param addressLogins   failed logins allowed per peer address before its logins wait (see {@link LoginThrottle})
 * @param usernameLogins  failed logins allowed per username before its logins wait
 * @param maxAwaitingLoginPerAddress connections from one peer address that may await their login at
 *                        once; one more is refused at once (0: no limit)
 * @param loginFailureDelayMillis how long a refused login (unless the user is connected already) waits
 *                        for its answer, the connection still counting as awaiting its login (0: none)
 */
public record CoreSettings(DuplicateLoginPolicy duplicateLogin, DeliverySettings delivery,
                           int maxPayloadBytes, long defaultTtlMillis, int inboundBacklog,
                           LoginThrottle.Rule addressLogins, LoginThrottle.Rule usernameLogins,
                           int maxAwaitingLoginPerAddress, long loginFailureDelayMillis) {

    public static final int DEFAULT_INBOUND_BACKLOG = 64;
    public static final int DEFAULT_MAX_AWAITING_LOGIN_PER_ADDRESS = 64;

    public CoreSettings {
        if (inboundBacklog < 4) {
            throw new IllegalArgumentException("the inbound backlog must be at least 4 frames, not " + inboundBacklog);
        }
        if (maxAwaitingLoginPerAddress < 0) {
            throw new IllegalArgumentException("the connections awaiting their login per address must be 0 (no limit)"
                    + " or more, not " + maxAwaitingLoginPerAddress);
        }
        if (loginFailureDelayMillis < 0 || loginFailureDelayMillis > 60_000) {
            throw new IllegalArgumentException("the login failure delay must be 0 to 60 s, not " + loginFailureDelayMillis
                    + " ms");
        }
    }

    /** The defaults of the connection and login rules, without a login failure delay (for tests of other rules). */
    public CoreSettings(DuplicateLoginPolicy duplicateLogin, DeliverySettings delivery, int maxPayloadBytes,
                        long defaultTtlMillis) {
        this(duplicateLogin, delivery, maxPayloadBytes, defaultTtlMillis, DEFAULT_INBOUND_BACKLOG,
                LoginThrottle.DEFAULT_PER_ADDRESS, LoginThrottle.DEFAULT_PER_USERNAME,
                DEFAULT_MAX_AWAITING_LOGIN_PER_ADDRESS, 0);
    }
}
