package io.missive.auth;

import io.missive.config.SharedJson;
import io.missive.core.MessagingCore;
import io.missive.core.auth.AuthResult;
import io.missive.core.auth.Authenticator;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The seed's login check (002, section 5): the username and password go, as an HTML form, to
 * the business's user centre, which answers {@code {"result":"pass","uid":N}} or
 * {@code {"result":"denied"}}.
 *
 * <pre>
 * POST &lt;missive.auth.user-centre.url&gt;
 * Accept: application/json
 * Content-Type: application/x-www-form-urlencoded;charset=utf-8
 *
 * username=&lt;URL-encoded UTF-8&gt;&amp;password=&lt;URL-encoded UTF-8&gt;
 * </pre>
 *
 * Anything but a well-formed answer within the timeout (no connection, a timeout, a status
 * outside 2xx, a body that is not such JSON, a uid outside 1..4294967295, an unknown result) is
 * {@link AuthResult.Unavailable}, never an accept. On a pass the uid gets a row in the users
 * table if it has none (see {@link LocalAccounts}), so that messages to it can be stored; if that
 * row is disabled, the answer is {@link AuthResult.Disabled}.
 *
 * <p>Not a CDI bean: {@link AuthenticatorProducer} makes it.
 */
public final class UserCentreAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(UserCentreAuthenticator.class.getName());

    /** Largest answer read; a user centre's answer is a few dozen bytes. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    static final long MAX_UID = 0xFFFF_FFFFL;

    /** The local side of an accepted user-centre login. */
    @FunctionalInterface
    public interface LocalAccounts {
        /**
         * Makes sure the users table has a row for {@code uid} (creating it, without password,
         * if missing); answers whether that account is disabled.
         */
        boolean ensureAndCheckDisabled(long uid, String username);
    }

    private final URI url;
    private final Duration timeout;
    private final LocalAccounts localAccounts;
    private final HttpClient client;

    public UserCentreAuthenticator(URI url, Duration timeout, LocalAccounts localAccounts) {
        this(url, timeout, localAccounts, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    UserCentreAuthenticator(URI url, Duration timeout, LocalAccounts localAccounts, HttpClient client) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.localAccounts = Objects.requireNonNull(localAccounts, "localAccounts");
        this.client = client;
    }

    public URI url() {
        return url;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public AuthResult authenticate(String username, String password) {
        if (username == null || password == null) {
            return new AuthResult.Denied();
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form(username, password), StandardCharsets.UTF_8))
                .build();

        HttpResponse<byte[]> response;
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request, info -> new LimitedBody(MAX_ANSWER_BYTES));
        try {
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return unavailable("no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return unavailable("interrupted while waiting for the answer");
        } catch (CancellationException e) {
            return unavailable("call cancelled");
        } catch (ExecutionException e) {
            return unavailable(describe(e.getCause()));
        }

        int status = response.statusCode();
        if (status < 200 || status > 299) {
            return unavailable("answered HTTP " + status);
        }
        return interpret(response.body(), username);
    }

    /** The answer's meaning; {@code body} is the raw JSON. */
    AuthResult interpret(byte[] body, String username) {
        JsonObject answer;
        try {
            answer = SharedJson.readObject(body);
        } catch (JsonException e) {
            return unavailable("answer is not a JSON object: " + abbreviate(body));
        }
        JsonValue result = answer.get("result");
        if (!(result instanceof JsonString text)) {
            return unavailable("answer has no \"result\" string: " + abbreviate(body));
        }
        switch (text.getString()) {
            case "denied":
                return new AuthResult.Denied();
            case "pass":
                break;
            default:
                return unavailable("unknown result \"" + text.getString() + "\"");
        }
        long uid = uid(answer.get("uid"));
        if (uid < 1) {
            return unavailable("pass without a uid from 1 to " + MAX_UID + ": " + abbreviate(body));
        }
        if (uid == MessagingCore.SYSTEM_UID) {
            // Missive's reserved sender of trusted server publishes; the user centre must use other uids
            return unavailable("pass with uid " + uid + ", which is Missive's system user: " + abbreviate(body));
        }
        boolean disabled;
        try {
            disabled = localAccounts.ensureAndCheckDisabled(uid, username);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSV3003 Cannot record user-centre uid " + uid + " in the users table: " + e, e);
            return new AuthResult.Unavailable("cannot record the account locally");
        }
        return disabled ? new AuthResult.Disabled() : new AuthResult.Accepted(uid, username);
    }

    /** The uid if {@code value} is an integral JSON number in 1..2^32-1, else -1. */
    private static long uid(JsonValue value) {
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            return -1;
        }
        try {
            long uid = number.longValueExact();
            return uid >= 1 && uid <= MAX_UID ? uid : -1;
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    static String form(String username, String password) {
        return "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    private AuthResult unavailable(String why) {
        String reason = "user centre " + url + ": " + why;
        LOG.warning("MSV3004 " + reason);
        return new AuthResult.Unavailable(reason);
    }

    private String describe(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection refused or failed (" + cause.getMessage() + ")";
        }
        if (cause instanceof AnswerTooLarge) {
            return "answer larger than " + MAX_ANSWER_BYTES + " bytes";
        }
        if (cause instanceof IOException) {
            return "call failed: " + cause;
        }
        return "call failed unexpectedly: " + cause;
    }

    private static String abbreviate(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", " ");
        return body.length > 200 ? text + "..." : text;
    }

    /** The answer's bytes, refused once they exceed a limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new AnswerTooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    private static final class AnswerTooLarge extends IOException {
        AnswerTooLarge() {
            super("answer too large");
        }
    }
}
