package io.missive.it;

import io.missive.binary.BinaryFrame;
import io.missive.binary.ConnectCode;
import io.missive.core.model.MessageId;
import io.missive.it.client.BinaryWsClient;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MicroProfile Health (/health/live, /health/ready: on the application's HTTP port on Payara, on the
 * management port on WildFly) and the metrics (/metrics on the application's HTTP port: MicroProfile
 * Metrics on Payara, Missive's own Prometheus text on WildFly, under the same names).
 */
class OperationsIT extends MissiveIT {

    private static final Duration WAIT = Duration.ofSeconds(10);


    @Test
    void livenessAndReadinessAreUpWithTheDatabaseAndEveryListener() {
        for (String path : List.of("health/live", "health/ready", "health")) {
            Api.Answer answer = api.call("GET", server.healthUri(path).toString(), null, null);
            assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.json().getString("status")).isEqualTo("UP");
        }
        JsonObject ready = api.call("GET", server.healthUri("health/ready").toString(), null, null).json();
        JsonObject check = ready.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("missive")).findFirst().orElseThrow();
        assertThat(check.getString("status")).isEqualTo("UP");
        assertThat(check.getJsonObject("data").getString("database")).isEqualTo("up");
        assertThat(check.getJsonObject("data").getString("tcpListenersDown")).isEmpty();
        JsonObject live = api.call("GET", server.healthUri("health/live").toString(), null, null).json();
        assertThat(live.getJsonArray("checks").getValuesAs(JsonObject.class))
                .anySatisfy(c -> assertThat(c.getString("name")).isEqualTo("missive-store-writer"));
    }

    @Test
    void metricsCountTrafficInPrometheusFormat() throws Exception {
        Api.User alice = api.newUser("metrics-a");
        Api.User bob = api.newUser("metrics-b");
        double outBefore = value(metrics(), "missive_messages_out_total").orElse(0.0);
        try (BinaryWsClient a = BinaryWsClient.connect(server.wsUri("ws"));
             BinaryWsClient b = BinaryWsClient.connect(server.wsUri("ws"))) {
            assertThat(a.login(alice.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
            assertThat(b.login(bob.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
            for (int i = 0; i < 5; i++) {
                MessageId id = MessageId.random();
                a.send(new BinaryFrame.Publish(bob.uid(), id, ("m" + i).getBytes(StandardCharsets.UTF_8)));
                assertThat(a.next(BinaryFrame.PubAck.class, WAIT).msgId()).isEqualTo(id);
                b.send(new BinaryFrame.PubAck(b.next(BinaryFrame.Push.class, WAIT).msgId()));
            }
            Thread.sleep(1_500);   // latencies reach the histogram once a second
            String text = metrics();
            for (String name : List.of("missive_messages_in_total", "missive_messages_out_total",
                    "missive_messages_acknowledged_total", "missive_messages_resent_total",
                    "missive_messages_expired_total", "missive_pending_backlog", "missive_logins_throttled_total",
                    "missive_logins_busy_total", "missive_connections_refused_awaiting_login_total",
                    "missive_delivery_queue_overflows_total")) {
                assertThat(value(text, name)).as(name).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(0));
            }
            assertThat(value(text, "missive_messages_out_total")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(outBefore + 5));
            assertThat(value(text, "missive_messages_acknowledged_total")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(5));
            assertThat(value(text, "missive_connections", "protocol=\"binary-ws\"")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));
            assertThat(value(text, "missive_connections", "protocol=\"mqtt-ws\"")).isPresent();
            assertThat(value(text, "missive_delivery_latency_milliseconds_count")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(5));
            // Payara's histogram holds the buckets' upper bounds (1 ms at least), Missive's own maximum is exact
            double leastMax = onPayara() ? 1.0 : 0.0;
            assertThat(value(text, "missive_delivery_latency_milliseconds_max")).hasValueSatisfying(v -> assertThat(v).isBetween(leastMax, 60_000.0));
            assertThat(value(text, "missive_delivery_latency_milliseconds", "quantile=\"0.5\"")).hasValueSatisfying(v -> assertThat(v).isBetween(1.0, 60_000.0));
            assertThat(value(text, "missive_store_commit_batch_size_count")).hasValueSatisfying(v -> assertThat(v).isPositive());
            assertThat(value(text, "missive_store_commit_batch_size_max")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        }
        if (onPayara()) {   // MicroProfile Metrics' scopes; Missive's own text has only the application's figures
            Api.Answer application = api.call("GET", "metrics?scope=application", null, null);
            assertThat(application.status()).isEqualTo(200);
            assertThat(application.body()).contains("missive_messages_in_total").doesNotContain("mp_scope=\"base\"");
        }
    }

    private boolean onPayara() {
        return server.serverName().equals("payara");
    }

    private String metrics() throws java.io.IOException {
        Api.Answer answer = api.call("GET", "metrics", null, null);
        // for people to look at what Payara serves
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "metrics-sample-" + server.serverName() + ".txt"),
                answer.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/plain"));
        return answer.body();
    }

    private static Optional<Double> value(String text, String name) {
        return value(text, name, "");
    }

    /** The value of the first sample of {@code name} whose labels include {@code label} (empty: any). */
    private static Optional<Double> value(String text, String name, String label) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.substring(0, line.lastIndexOf(' ')).contains(label))
                .findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }
}
