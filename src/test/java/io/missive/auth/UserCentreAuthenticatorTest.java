package io.missive.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.missive.core.auth.AuthResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The user-centre call against a stub user centre (the JDK's HttpServer) on a free port. */
class UserCentreAuthenticatorTest {

    private static final Duration TIMEOUT = Duration.ofMillis(700);

    private HttpServer server;
    private volatile Handler handler;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<long[]> ensured = new CopyOnWriteArrayList<>();
    private final List<String> ensuredNames = new CopyOnWriteArrayList<>();
    private final AtomicBoolean localDisabled = new AtomicBoolean();
    private final CountDownLatch release = new CountDownLatch(1);

    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange, String requestBody) throws IOException, InterruptedException;
    }

    record Recorded(String method, String path, Map<String, String> headers, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/auth", exchange -> {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body));
            try {
                handler.handle(exchange, body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/auth");
    }

    private UserCentreAuthenticator authenticator() {
        return authenticator(url());
    }

    private UserCentreAuthenticator authenticator(URI url) {
        return new UserCentreAuthenticator(url, TIMEOUT, (uid, username) -> {
            ensured.add(new long[]{uid});
            ensuredNames.add(username);
            return localDisabled.get();
        });
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void passIsAcceptedWithTheUidAndTheLocalAccountIsEnsured() {
        handler = (exchange, body) -> answer(exchange, 200, "{\"result\":\"pass\",\"uid\":1234}");

        AuthResult result = authenticator().authenticate("test", "123456");

        assertThat(result).isEqualTo(new AuthResult.Accepted(1234, "test"));
        assertThat(ensured).hasSize(1);
        assertThat(ensured.get(0)[0]).isEqualTo(1234);
        assertThat(ensuredNames).containsExactly("test");
    }

    @Test
    void sendsTheSeedsFormPost() {
        handler = (exchange, body) -> answer(exchange, 200, "{\"result\":\"denied\"}");

        authenticator().authenticate("li lei&x=1", "pä ss+wörd=%");

        assertThat(requests).hasSize(1);
        Recorded r = requests.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/auth");
        assertThat(r.headers()).containsEntry("accept", "application/json")
                .containsEntry("content-type", "application/x-www-form-urlencoded;charset=utf-8");
        assertThat(r.body()).startsWith("username=").contains("&password=");
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : r.body().split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(form).containsExactly(Map.entry("username", "li lei&x=1"), Map.entry("password", "pä ss+wörd=%"));
    }

    @Test
    void formEncodingIsUtf8UrlEncoding() {
        assertThat(UserCentreAuthenticator.form("test", "123456")).isEqualTo("username=test&password=123456");
        assertThat(UserCentreAuthenticator.form("张三", "a b&c")).isEqualTo(
                "username=%E5%BC%A0%E4%B8%89&password=a+b%26c");
    }

    @Test
    void deniedIsDenied() {
        handler = (exchange, body) -> answer(exchange, 200, "{\"result\": \"denied\"}");

        assertThat(authenticator().authenticate("test", "wrong")).isEqualTo(new AuthResult.Denied());
        assertThat(ensured).isEmpty();
    }

    @Test
    void aDisabledLocalAccountIsDisabled() {
        localDisabled.set(true);
        handler = (exchange, body) -> answer(exchange, 200, "{\"result\":\"pass\",\"uid\":77}");

        assertThat(authenticator().authenticate("test", "123456")).isEqualTo(new AuthResult.Disabled());
    }

    @Test
    void aTimeoutIsUnavailable() {
        handler = (exchange, body) -> {
            release.await(10, TimeUnit.SECONDS);
            answer(exchange, 200, "{\"result\":\"pass\",\"uid\":1}");
        };

        long start = System.nanoTime();
        AuthResult result = authenticator().authenticate("test", "123456");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(((AuthResult.Unavailable) result).reason()).contains("no answer within 700 ms");
        assertThat(millis).isBetween(600L, 5_000L);
        assertThat(ensured).isEmpty();
    }

    @Test
    void aSlowBodyAfterTheHeadersIsStillCutByTheTimeout() {
        handler = (exchange, body) -> {
            exchange.sendResponseHeaders(200, 0);   // chunked; the body never finishes
            exchange.getResponseBody().write("{\"result\":".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            release.await(10, TimeUnit.SECONDS);
        };

        long start = System.nanoTime();
        AuthResult result = authenticator().authenticate("test", "123456");

        assertThat(result).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000L);
    }

    @Test
    void aServerErrorIsUnavailable() {
        handler = (exchange, body) -> answer(exchange, 500, "{\"result\":\"pass\",\"uid\":1}");

        AuthResult result = authenticator().authenticate("test", "123456");

        assertThat(result).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(((AuthResult.Unavailable) result).reason()).contains("HTTP 500");
        assertThat(ensured).isEmpty();
    }

    @Test
    void aRedirectIsNotFollowedAndIsUnavailable() {
        handler = (exchange, body) -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:1/elsewhere");
            exchange.sendResponseHeaders(302, -1);
        };

        AuthResult result = authenticator().authenticate("test", "123456");

        assertThat(result).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(((AuthResult.Unavailable) result).reason()).contains("HTTP 302");
    }

    @Test
    void garbageIsUnavailable() {
        for (String garbage : List.of("<html>pass</html>", "", "[\"pass\"]", "{\"result\":\"pass\",\"uid\":12",
                "\"pass\"", "null")) {
            handler = (exchange, body) -> answer(exchange, 200, garbage);

            AuthResult result = authenticator().authenticate("test", "123456");

            assertThat(result).as(garbage).isInstanceOf(AuthResult.Unavailable.class);
        }
        assertThat(ensured).isEmpty();
    }

    @Test
    void aPassWithoutAGoodUidIsUnavailable() {
        for (String answer : List.of(
                "{\"result\":\"pass\"}",
                "{\"result\":\"pass\",\"uid\":0}",
                "{\"result\":\"pass\",\"uid\":1}",   // Missive's system user
                "{\"result\":\"pass\",\"uid\":-5}",
                "{\"result\":\"pass\",\"uid\":4294967296}",
                "{\"result\":\"pass\",\"uid\":99999999999999999999999}",
                "{\"result\":\"pass\",\"uid\":12.5}",
                "{\"result\":\"pass\",\"uid\":\"1234\"}",
                "{\"result\":\"pass\",\"uid\":null}",
                "{\"result\":\"PASS\",\"uid\":1}",
                "{\"result\":true,\"uid\":1}",
                "{\"uid\":1}")) {
            handler = (exchange, body) -> answer(exchange, 200, answer);

            AuthResult result = authenticator().authenticate("test", "123456");

            assertThat(result).as(answer).isInstanceOf(AuthResult.Unavailable.class);
        }
        assertThat(ensured).isEmpty();
    }

    @Test
    void theLargestUidIsAccepted() {
        handler = (exchange, body) -> answer(exchange, 200, "{\"result\":\"pass\",\"uid\":4294967295,\"extra\":[1,2]}");

        assertThat(authenticator().authenticate("max", "pw")).isEqualTo(new AuthResult.Accepted(4294967295L, "max"));
    }

    @Test
    void anOversizedAnswerIsUnavailable() {
        handler = (exchange, body) -> {
            StringBuilder huge = new StringBuilder("{\"result\":\"pass\",\"uid\":1,\"pad\":\"");
            huge.append("x".repeat(UserCentreAuthenticator.MAX_ANSWER_BYTES + 10)).append("\"}");
            answer(exchange, 200, huge.toString());
        };

        AuthResult result = authenticator().authenticate("test", "123456");

        assertThat(result).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(ensured).isEmpty();
    }

    @Test
    void aFailureToRecordTheAccountIsUnavailable() {
        handler = (exchange, body) -> answer(exchange, 200, "{\"result\":\"pass\",\"uid\":5}");
        UserCentreAuthenticator authenticator = new UserCentreAuthenticator(url(), TIMEOUT, (uid, name) -> {
            throw new IllegalStateException("database down");
        });

        assertThat(authenticator.authenticate("test", "123456")).isInstanceOf(AuthResult.Unavailable.class);
    }

    @Test
    void connectionRefusedIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        AuthResult result = authenticator(URI.create("http://127.0.0.1:" + closedPort + "/auth"))
                .authenticate("test", "123456");

        assertThat(result).isInstanceOf(AuthResult.Unavailable.class);
        assertThat(((AuthResult.Unavailable) result).reason()).contains("127.0.0.1:" + closedPort);
        assertThat(ensured).isEmpty();
    }

    @Test
    void concurrentLoginsAreIndependent() throws Exception {
        handler = (exchange, body) -> {
            String user = URLDecoder.decode(body.substring("username=".length(), body.indexOf('&')), StandardCharsets.UTF_8);
            answer(exchange, 200, "{\"result\":\"pass\",\"uid\":" + user.substring(1) + "}");
        };
        UserCentreAuthenticator authenticator = authenticator();
        List<Thread> threads = new ArrayList<>();
        List<AuthResult> results = new CopyOnWriteArrayList<>();
        for (int i = 2; i <= 9; i++) {   // uid 1 is the system user's
            String user = "u" + i;
            Thread t = new Thread(() -> results.add(authenticator.authenticate(user, "pw")));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(results).hasSize(8).allSatisfy(r -> assertThat(r).isInstanceOf(AuthResult.Accepted.class));
    }

    @Test
    void nullCredentialsAreDeniedWithoutACall() {
        handler = (exchange, body) -> answer(exchange, 200, "{\"result\":\"pass\",\"uid\":1}");

        assertThat(authenticator().authenticate(null, "x")).isEqualTo(new AuthResult.Denied());
        assertThat(requests).isEmpty();
    }
}
