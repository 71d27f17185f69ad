package io.missive.core.auth;

import io.missive.core.stats.MessagingObserver;

import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where credentials are checked: on their own bounded executor (a few threads and a bounded queue),
 * never on the threads every connection's mailbox shares, so that a flood of logins (each a PBKDF2 of
 * 600,000 rounds, or a user-centre call of up to seconds) costs at most those threads and cannot stall
 * other sessions' pushes, acknowledgements and pings. When the executor is full, a login is refused
 * at once as {@link AuthResult.Unavailable} (the protocols' "server unavailable", HTTP 503), without
 * being checked. The {@link LoginThrottle} runs first, on the caller's thread: a throttled login
 * takes no place in the queue.
 */
public final class CredentialChecks {

    private static final Logger LOG = Logger.getLogger(CredentialChecks.class.getName());
    /** The reason of a login refused because every credential-check thread and queue place is taken. */
    public static final String BUSY = "too many logins are being checked";

    private final Authenticator authenticator;
    private final LoginThrottle throttle;
    private final Executor checks;
    private final InstantSource clock;
    private final MessagingObserver observer;

    /** @param checks runs the checks; throws {@link RejectedExecutionException} when full */
    public CredentialChecks(Authenticator authenticator, LoginThrottle throttle, Executor checks, InstantSource clock,
                            MessagingObserver observer) {
        this.authenticator = authenticator;
        this.throttle = throttle;
        this.checks = checks;
        this.clock = clock;
        this.observer = observer;
    }

    /**
     * Checks credentials from a peer at {@code address} on the check executor; {@code answer} runs on
     * {@code replyOn} with the result. Never blocks: call it from a mailbox.
     */
    public void check(String username, String password, String address, Executor replyOn,
                      Consumer<AuthResult> answer) {
        check(username, address, () -> authenticator.authenticate(username, password), replyOn, answer);
    }

    /**
     * Checks a push device's id and token as a login ({@link #check}): throttled per address and per device
     * ({@code device:<id>}), on the check executor, so that a flood of IDENTIFYs with bad tokens costs the
     * check threads and their bounded queue, not the mailboxes' threads.
     */
    public void checkDevice(DeviceAuthenticator devices, long deviceId, String token, boolean tokenRequired,
                            String address, Executor replyOn, Consumer<AuthResult> answer) {
        check("device:" + deviceId, address, () -> devices.authenticate(deviceId, token, tokenRequired), replyOn, answer);
    }

    private void check(String username, String address, Supplier<AuthResult> authenticate, Executor replyOn,
                       Consumer<AuthResult> answer) {
        AuthResult throttled = throttled(username, address);
        if (throttled != null) {
            replyOn.execute(() -> answer.accept(throttled));
            return;
        }
        try {
            checks.execute(() -> {
                AuthResult result = checkNow(username, address, authenticate);
                replyOn.execute(() -> answer.accept(result));
            });
        } catch (RejectedExecutionException full) {
            throttle.notFailed(address, username, clock.millis());
            observer.loginRefusedBusy();
            LOG.fine(() -> "A login from " + address + " was refused unchecked: " + BUSY);
            replyOn.execute(() -> answer.accept(new AuthResult.Unavailable(BUSY)));
        }
    }

    /** {@link #check}, waiting for the answer on the calling thread (a REST request's). */
    public AuthResult checkAndWait(String username, String password, String address) {
        CompletableFuture<AuthResult> result = new CompletableFuture<>();
        check(username, password, address, Runnable::run, result::complete);
        return result.join();
    }

    private AuthResult throttled(String username, String address) {
        long waitSeconds = throttle.begin(address, username, clock.millis());
        if (waitSeconds > 0) {
            observer.loginThrottled();
            return new AuthResult.Throttled(waitSeconds);
        }
        return null;
    }

    private AuthResult checkNow(String username, String address, Supplier<AuthResult> authenticate) {
        AuthResult result;
        try {
            result = authenticate.get();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV1004 Authentication failed with an error", e);
            result = new AuthResult.Unavailable(e.toString());
        }
        if (!(result instanceof AuthResult.Denied)) {
            throttle.notFailed(address, username, clock.millis());   // the failure taken when the check began
        }
        return result;
    }
}
