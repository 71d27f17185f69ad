package io.missive.bench;

import io.missive.bench.client.BenchAccount;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /** A Missive user {@code name} with the suite's password, {@code <name>-secret}. */
    BenchAccount user(String name) throws IOException {
        String password = name + "-secret";
        return new BenchAccount(name, password, createUser(name, password));
    }

    /** Users {@code <prefix>1} to {@code <prefix><count>}, a few requests at a time. */
    List<BenchAccount> users(String prefix, int count, PrintStream progress) throws IOException, InterruptedException {
        progress.println();
        progress.printf("Creating %,d Missive users ...%n", count);
        return inParallel(count, i -> user(prefix + (i + 1)), progress);
    }

    /** Adds every one of {@code members} to the group, a few requests at a time. */
    void addMembers(long groupId, List<BenchAccount> members, PrintStream progress) throws IOException, InterruptedException {
        inParallel(members.size(), i -> {
            addMember(groupId, members.get(i).uid());
            return null;
        }, progress);
    }

    /**
     * The access token of a new administrator {@code name}: what {@code GET /api/admin/status} needs (the API
     * key manages users and groups, not the server).
     */
    String adminToken(String name) throws IOException {
        String password = name + "-secret";
        JsonObject body = Json.createObjectBuilder().add("username", name).add("password", password).add("role", "admin").build();
        call("POST", "api/users", body.toString(), 201);
        JsonObject login = Json.createObjectBuilder().add("username", name).add("password", password).build();
        return call("POST", "api/auth/login", login.toString(), 200, null).getString("accessToken");
    }

    /** {@code GET /api/admin/status} as the administrator of {@code token}. */
    JsonObject status(String token) throws IOException {
        return call("GET", "api/admin/status", null, 200, token);
    }

    /** What a REST call gives for each of {@code 0 <= i < count}, made four at a time (the server has two cores). */
    private static <T> List<T> inParallel(int count, RestCall<T> call, PrintStream progress)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<T>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.add(pool.submit(() -> call.make(index)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> done : calls) {
                results.add(done.get());
                if (results.size() % 2500 == 0) {
                    progress.printf("  %,d of %,d%n", results.size(), count);
                }
            }
            return results;
        } catch (ExecutionException e) {
            throw new IOException("a REST call failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One call of the management API. */
    private interface RestCall<T> {
        T make(int index) throws IOException;
    }

    private JsonObject call(String method, String path, String json, int expectedStatus) throws IOException {
        return call(method, path, json, expectedStatus, apiKey);
    }

    /** @param bearer the API key or an access token, null for none */
    private JsonObject call(String method, String path, String json, int expectedStatus, String bearer) throws IOException {
        URI uri = base.resolve(path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        HttpRequest request = builder
                .timeout(Duration.ofSeconds(30))
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
