package io.missive.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.missive.binary.BinaryFrame;
import io.missive.binary.ConnectCode;
import io.missive.core.model.MessageId;
import io.missive.it.client.BinaryWsClient;
import jakarta.json.Json;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Logins checked by the seed's user centre, end to end: a second Payara Micro with the same WAR
 * and database runs with {@code missive.auth.mode=user-centre} against a small HTTP user centre
 * that this test starts. The stub's answer depends on the password, so that one stub plays every
 * case: {@code pass} passes (a uid per username, from 9,000,001 up, clear of the database's own
 * uids), {@code wrong} is denied, {@code slow} answers after the timeout, {@code broken} answers
 * 500 and {@code garbage} answers a body that is not JSON.
 */
@ExtendWith(ArquillianExtension.class)
class UserCentreLoginIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration USER_CENTRE_TIMEOUT = Duration.ofSeconds(1);

    /** One login as the stub saw it. */
    record Login(String method, String contentType, String username, String password) {
    }

    private static HttpServer userCentre;
    private static MissiveServer server;
    private static final List<Login> LOGINS = new CopyOnWriteArrayList<>();
    private static final Map<String, Long> UIDS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_UID = new AtomicLong(9_000_001L);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return MissiveDeployment.war();
    }

    @BeforeAll
    static void startUserCentreAndServer() throws IOException {
        userCentre = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        userCentre.setExecutor(Executors.newCachedThreadPool());
        userCentre.createContext("/auth", UserCentreLoginIT::answer);
        userCentre.start();
        String url = "http://127.0.0.1:" + userCentre.getAddress().getPort() + "/auth";
        server = MissiveServer.get().startAnother("user-centre", Map.of(
                "missive.auth.mode", "user-centre",
                "missive.auth.user-centre.url", url,
                "missive.auth.user-centre.timeout", USER_CENTRE_TIMEOUT.toMillis() + "ms"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (userCentre != null) {
            userCentre.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new ConcurrentHashMap<>();
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String username = form.getOrDefault("username", "");
            String password = form.getOrDefault("password", "");
            LOGINS.add(new Login(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    username, password));
            if (password.startsWith("uid:")) {
                // passes with the uid the test names: a local account's, say
                send(exchange, 200, "{\"result\":\"pass\",\"uid\":" + password.substring(4) + "}");
                return;
            }
            switch (password) {
                case "pass" -> send(exchange, 200, "{\"result\":\"pass\",\"uid\":"
                        + UIDS.computeIfAbsent(username, u -> NEXT_UID.getAndIncrement()) + "}");
                case "wrong" -> send(exchange, 200, "{\"result\":\"denied\"}");
                case "slow" -> {
                    sleep(USER_CENTRE_TIMEOUT.multipliedBy(3));
                    send(exchange, 200, "{\"result\":\"pass\",\"uid\":9999999}");
                }
                case "broken" -> send(exchange, 500, "{\"error\":\"database down\"}");
                default -> send(exchange, 200, "<html>not json</html>");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int login(String username, String password) throws Exception {
        try (BinaryWsClient client = BinaryWsClient.connect(server.wsUri("ws"))) {
            return client.login(username, password).code();
        }
    }

    private static BinaryWsClient loggedIn(String username) throws Exception {
        BinaryWsClient client = BinaryWsClient.connect(server.wsUri("ws"));
        assertThat(client.login(username, "pass").code()).isEqualTo(ConnectCode.ACCEPTED.code());
        return client;
    }

    @Test
    void aPassLogsInWithTheUserCentresUidAndTheUsersExchangeMessages() throws Exception {
        String alice = Api.unique("uc-alice");
        String bob = Api.unique("uc-bob");
        try (BinaryWsClient a = loggedIn(alice); BinaryWsClient b = loggedIn(bob)) {
            long bobUid = UIDS.get(bob);
            long aliceUid = UIDS.get(alice);
            MessageId id = MessageId.random();
            a.send(new BinaryFrame.Publish(bobUid, id, "from the user centre".getBytes(StandardCharsets.UTF_8)));
            assertThat(a.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(id);
            BinaryFrame.Push push = b.next(BinaryFrame.Push.class, WAIT);
            assertThat(push.msgId()).isEqualTo(id);
            b.send(new BinaryFrame.PubAck(id));

            MessageId back = MessageId.random();
            b.send(new BinaryFrame.Publish(aliceUid, back, "and back".getBytes(StandardCharsets.UTF_8)));
            assertThat(b.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(back);
            assertThat(a.next(BinaryFrame.Push.class, WAIT).msgId()).isEqualTo(back);
        }
        // the user centre's uid got a local account with the login name, and no password
        try (Connection db = server.openConnection();
             PreparedStatement query = db.prepareStatement("SELECT username, password_hash FROM users WHERE uid = ?")) {
            query.setLong(1, UIDS.get(alice));
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(alice);
                assertThat(row.getString(2)).isNull();
            }
        }
    }

    @Test
    void theStubReceivedTheSeedsFormPost() throws Exception {
        String name = Api.unique("uc-form") + " ü&=";
        assertThat(login(name, "pass")).isEqualTo(ConnectCode.ACCEPTED.code());
        assertThat(LOGINS).contains(new Login("POST", "application/x-www-form-urlencoded;charset=utf-8", name, "pass"));
    }

    @Test
    void deniedIsCode3() throws Exception {
        assertThat(login(Api.unique("uc-denied"), "wrong")).isEqualTo(ConnectCode.BAD_CREDENTIALS.code());
    }

    @Test
    void aUserCentreThatAnswersTooLateIsCode5() throws Exception {
        long started = System.nanoTime();
        assertThat(login(Api.unique("uc-slow"), "slow")).isEqualTo(ConnectCode.AUTH_SERVICE_UNAVAILABLE.code());
        // the answer came from the timeout, not from the stub's late pass
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(USER_CENTRE_TIMEOUT.multipliedBy(3));
    }

    @Test
    void aUserCentreErrorIsCode5() throws Exception {
        assertThat(login(Api.unique("uc-broken"), "broken")).isEqualTo(ConnectCode.AUTH_SERVICE_UNAVAILABLE.code());
    }

    @Test
    void anAnswerThatIsNotJsonIsCode5() throws Exception {
        assertThat(login(Api.unique("uc-garbage"), "garbage")).isEqualTo(ConnectCode.AUTH_SERVICE_UNAVAILABLE.code());
    }

    private static Api.Answer restLogin(String username, String password) throws Exception {
        HttpResponse<String> response = server.httpClient().send(HttpRequest.newBuilder(
                        server.httpUri("api/auth/login")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("username", username).add("password", password).build().toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Api.Answer(response.statusCode(), response.body(), response);
    }

    @Test
    void theRestLoginAsksTheUserCentreTooAndItsTokenWorksOnEveryNode() throws Exception {
        String name = Api.unique("uc-rest");
        Api.Answer ok = restLogin(name, "pass");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().getJsonNumber("uid").longValue()).isEqualTo(UIDS.get(name));
        restLogin(name, "wrong").isError(401, "unauthorized");
        restLogin(name, "broken").isError(503, "unavailable");
        // the other server (same database, so the same signing key) accepts the token
        Api.Answer groups = new Api().call("GET", "api/users/" + UIDS.get(name) + "/groups", null,
                "Bearer " + ok.json().getString("accessToken"));
        assertThat(groups.status()).as(groups.body()).isEqualTo(200);
    }

    @Test
    void aDisabledLocalAccountIsCode6EvenWhenTheUserCentrePasses() throws Exception {
        String name = Api.unique("uc-disabled");
        assertThat(login(name, "pass")).isEqualTo(ConnectCode.ACCEPTED.code());
        // disabled through the management API of the main server: both use one database
        new Api().disableUser(UIDS.get(name));
        assertThat(login(name, "pass")).isEqualTo(ConnectCode.ACCOUNT_DISABLED.code());
    }

    @Test
    void aUidOfALocalAccountIsNeverTakenOverByTheUserCentre() throws Exception {
        Api api = new Api();
        Api.User admin = api.newAdmin("uc-local-admin");

        assertThat(login(Api.unique("uc-impostor"), "uid:" + admin.uid())).as("turned away as a disabled account is")
                .isEqualTo(ConnectCode.ACCOUNT_DISABLED.code());

        try (Connection db = MissiveServer.get().openConnection();
             PreparedStatement query = db.prepareStatement("SELECT username, role, password_hash FROM users WHERE uid = ?")) {
            query.setLong(1, admin.uid());
            try (ResultSet rs = query.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(admin.name());
                assertThat(rs.getString(2)).isEqualTo("admin");
                assertThat(rs.getString(3)).isNotNull();
            }
        }
        assertThat(api.login(admin)).as("the local administrator still logs in on the main server").startsWith("Bearer ");
    }
}
