package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The part of Missive's management REST API the suite needs to set up users and groups, with the API key. */
final class ManagementApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String apiKey;

    ManagementApi(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    long createUser(String username, String password) throws IOException {
        JsonObject body = Json.createObjectBuilder().add("username", username).add("password", password).build();
        return call("POST", "api/users", body.toString(), 201).getJsonNumber("uid").longValue();
    }

    long createGroup(String name) throws IOException {
        JsonObject body = Json.createObjectBuilder().add("name", name).build();
        return call("POST", "api/groups", body.toString(), 201).getJsonNumber("id").longValue();
    }

    void addMember(long groupId, long uid) throws IOException {
        call("PUT", "api/groups/" + groupId + "/members/" + uid, null, 201);
    }

    /**
     * Registers a push device (seed 001's {@code POST /registration}, device type 6, other): the
     * account the text push protocol logs in with, its serial number as username, its token as
     * password and its device id as uid.
     */
    BenchAccount registerDevice(String serialNo) throws IOException {
        JsonObject device = call("POST", "registration?serial_no=" + serialNo + "&device_type=6&device_name=bench", null, 200);
        return new BenchAccount(serialNo, device.getString("token"), device.getJsonNumber("device_id").longValue());
    }

    private JsonObject call(String method, String path, String json, int expectedStatus) throws IOException {
        URI uri = base.resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + method + " " + uri, e);
        }
        if (response.statusCode() != expectedStatus) {
            throw new IOException(method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        String body = response.body();
        return body == null || body.isBlank() ? JsonObject.EMPTY_JSON_OBJECT : Json.createReader(new StringReader(body)).readObject();
    }
}
