package io.missive.core.auth;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per peer address and per username, so that a flood of bad credentials stops
 * costing a password hash each (600,000 PBKDF2 rounds on the threads every connection shares)
 * once it is recognised, and guessing one user's password is slow. Each key has a bucket of
 * failures that refills at a steady rate; an empty bucket refuses the key's logins without
 * checking them until it refills. Every check takes its failure when it begins and gives it back
 * when it succeeds, so that logins sent all at once cannot pass while the checks of the first are
 * still running (a burst of two hundred bad logins would otherwise all be checked). Successful
 * logins cost nothing here, so many users behind one address (a company's NAT reconnecting after a
 * restart) are never held back.
 *
 * @see AuthResult.Throttled
 */
public final class LoginThrottle {

    /** How many keys are remembered at most; past it, full buckets are forgotten first. */
    private static final int MAX_KEYS = 100_000;

    private final Rule perAddress;
    private final Rule perUsername;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * A bucket's size and how fast it refills.
     *
     * @param failures       failed logins allowed in a burst; 0 turns the rule off
     * @param refillMillis   time in which one failure is forgiven
     */
    public record Rule(int failures, long refillMillis) {
        public Rule {
            if (failures < 0 || refillMillis <= 0) {
                throw new IllegalArgumentException("a login throttle needs failures >= 0 and a positive refill time");
            }
        }
    }

    public LoginThrottle(Rule perAddress, Rule perUsername) {
        this.perAddress = perAddress;
        this.perUsername = perUsername;
    }

    /** 20 failures per address, then one every 0.5 s. */
    public static final Rule DEFAULT_PER_ADDRESS = new Rule(20, 500);
    /** 10 failures per username, then one every 6 s. */
    public static final Rule DEFAULT_PER_USERNAME = new Rule(10, 6_000);

    /**
     * Begins the check of a login from {@code address} for {@code username}: answers 0 when it may be
     * checked now, having taken a failure from both buckets (kept if the check fails; see
     * {@link #notFailed}), or the seconds until it may, having taken nothing.
     */
    public long begin(String address, String username, long nowMillis) {
        long wait = tryTake("a:" + address, perAddress, nowMillis);
        if (wait == 0) {
            wait = tryTake("u:" + username, perUsername, nowMillis);
            if (wait > 0) {
                giveBack("a:" + address, perAddress, nowMillis);
            }
        }
        return wait == 0 ? 0 : Math.max(1, (wait + 999) / 1000);
    }

    /** A check {@linkplain #begin begun} did not fail (the login was accepted, or could not be checked). */
    public void notFailed(String address, String username, long nowMillis) {
        giveBack("a:" + address, perAddress, nowMillis);
        giveBack("u:" + username, perUsername, nowMillis);
    }

    private long tryTake(String key, Rule rule, long now) {
        if (rule.failures() == 0) {
            return 0;
        }
        if (buckets.size() >= MAX_KEYS) {
            forgetFull(now);
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(rule.failures(), now)).tryTake(rule, now);
    }

    private void giveBack(String key, Rule rule, long now) {
        Bucket bucket = rule.failures() == 0 ? null : buckets.get(key);
        if (bucket != null) {
            bucket.giveBack(rule, now);
        }
    }

    private void forgetFull(long now) {
        for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Bucket> e = it.next();
            Rule rule = e.getKey().startsWith("a:") ? perAddress : perUsername;
            if (e.getValue().isFull(rule, now)) {
                it.remove();
            }
        }
        if (buckets.size() >= MAX_KEYS) {
            buckets.clear();   // under a flood of distinct keys, forgetting is better than growing
        }
    }

    /** Failures still allowed, refilled lazily from the time of the last change. */
    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(int tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        /** Takes a failure: 0, or the milliseconds until one is there (nothing taken). */
        synchronized long tryTake(Rule rule, long now) {
            refill(rule, now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * rule.refillMillis());
        }

        synchronized void giveBack(Rule rule, long now) {
            refill(rule, now);
            tokens = Math.min(rule.failures(), tokens + 1);
        }

        synchronized boolean isFull(Rule rule, long now) {
            refill(rule, now);
            return tokens >= rule.failures();
        }

        private void refill(Rule rule, long now) {
            if (now > at) {
                tokens = Math.min(rule.failures(), tokens + (double) (now - at) / rule.refillMillis());
                at = now;
            }
        }
    }
}
