package io.missive.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Device registration at the push service's seed path {@code /registration} (seed 001). */
class RegistrationIT extends MissiveIT {

    record Answer(int status, JsonObject body) {
    }

    private Answer post(String query, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.httpUri("registration") + query))
                .timeout(Duration.ofSeconds(20));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        return send(request.build());
    }

    private Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = server.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        return new Answer(response.statusCode(), Json.createReader(new StringReader(response.body())).readObject());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void theSeedsCurlExampleRegistersAnAndroidDeviceWithABrokerAndAToken() throws Exception {
        String serial = Api.unique("SOHUNO20140401XX");
        Answer a = post("?serial_no=" + enc(serial) + "&device_type=3&device_name=" + enc("搜狐Android测试机"), null);
        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        assertThat(a.body().getString("broker")).isEqualTo("localhost:" + server.tcpPort(MissiveServer.TCP_TEXT));
        assertThat(a.body().getJsonNumber("device_id").longValue()).isPositive();
        assertThat(a.body().getString("token")).hasSize(43);
    }

    @Test
    void formParametersWorkAndTheSameSerialWithItsTokenKeepsItsIdWithANewToken() throws Exception {
        String serial = Api.unique("serial");
        Answer first = post("", "serial_no=" + enc(serial) + "&device_type=2&device_name=pc");
        assertThat(first.status()).isEqualTo(200);
        Answer again = post("", "serial_no=" + enc(serial) + "&device_type=2&device_name=pc&token="
                + enc(first.body().getString("token")));
        assertThat(again.status()).as(again.body().toString()).isEqualTo(200);
        assertThat(again.body().getJsonNumber("device_id")).isEqualTo(first.body().getJsonNumber("device_id"));
        assertThat(again.body().getString("token")).isNotEqualTo(first.body().getString("token"));
    }

    @Test
    void aKnownSerialWithoutItsTokenIs403SerialNoErrAndTheDeviceKeepsItsToken() throws Exception {
        String serial = Api.unique("victim");
        Answer first = post("", "serial_no=" + enc(serial) + "&device_type=3");
        for (String proof : new String[]{"", "&token=" + enc("x".repeat(43))}) {
            Answer takeover = post("", "serial_no=" + enc(serial) + "&device_type=3" + proof);
            assertThat(takeover.status()).isEqualTo(403);
            assertThat(takeover.body().getInt("code")).isEqualTo(9);
            assertThat(takeover.body().getString("msg")).startsWith("SerialNoErr");
            assertThat(takeover.body().containsKey("token")).isFalse();
        }
        // the device's own token still works: it may register again with it
        Answer owner = post("", "serial_no=" + enc(serial) + "&device_type=3&token=" + enc(first.body().getString("token")));
        assertThat(owner.status()).isEqualTo(200);
        // and a back end holding the API key may re-register it (a device that lost its token)
        HttpResponse<String> byBackEnd = server.httpClient().send(HttpRequest.newBuilder(
                        URI.create(server.httpUri("registration") + "?serial_no=" + enc(serial) + "&device_type=3"))
                .header("Authorization", "Bearer " + server.apiKey()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(byBackEnd.statusCode()).as(byBackEnd.body()).isEqualTo(200);
    }

    @Test
    void anIosDeviceGetsNoBroker() throws Exception {
        Answer a = post("?serial_no=" + enc(Api.unique("iphone")) + "&device_type=4", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().containsKey("broker")).isFalse();
        assertThat(a.body().containsKey("device_id")).isTrue();
    }

    @Test
    void aBadDeviceTypeIsCode8() throws Exception {
        for (String type : new String[]{"0", "7", "-1", "android", ""}) {
            Answer a = post("?serial_no=" + enc(Api.unique("s")) + "&device_type=" + enc(type), null);
            assertThat(a.status()).as(type).isEqualTo(400);
            assertThat(a.body().getInt("code")).as(type).isEqualTo(8);
            assertThat(a.body().getString("msg")).startsWith("DeviceTypeErr");
        }
    }

    @Test
    void aMissingOrOverlongSerialNumberIsCode9() throws Exception {
        for (String query : new String[]{"?device_type=3", "?serial_no=&device_type=3",
                "?serial_no=" + "x".repeat(129) + "&device_type=3"}) {
            Answer a = post(query, null);
            assertThat(a.status()).as(query).isEqualTo(400);
            assertThat(a.body().getInt("code")).as(query).isEqualTo(9);
        }
    }

    @Test
    void aFormBodyOverTheLimitIs413WithParamErrAnnouncedOrChunked() throws Exception {
        String form = "serial_no=" + enc(Api.unique("big")) + "&device_type=3&pad=" + "x".repeat(10_000);
        Answer announced = post("", form);
        assertThat(announced.status()).isEqualTo(413);
        assertThat(announced.body().getInt("code")).isEqualTo(1);
        assertThat(announced.body().getString("msg")).contains("missive.push.registration.max-body-bytes");
        Answer chunked = send(HttpRequest.newBuilder(server.httpUri("registration"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(form.getBytes(StandardCharsets.UTF_8)))).build());
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.body().getInt("code")).isEqualTo(1);
    }

    @Test
    void aGetIsCode3() throws Exception {
        Answer a = send(HttpRequest.newBuilder(server.httpUri("registration?serial_no=x&device_type=3"))
                .timeout(Duration.ofSeconds(20)).GET().build());
        assertThat(a.status()).isEqualTo(405);
        assertThat(a.body().getInt("code")).isEqualTo(3);
    }
}
