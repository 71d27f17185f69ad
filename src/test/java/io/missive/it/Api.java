package io.missive.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The management REST API as integration tests use it to set up users and groups. */
public final class Api {

    private final MissiveServer server;

    /** The API of the shared server. */
    public Api() {
        this(MissiveServer.get());
    }

    /** The API of another server (a node of a cluster, say). */
    public Api(MissiveServer server) {
        this.server = server;
    }

    /** The password of every user {@link #newUser} makes. */
    public static final String PASSWORD = "correct horse battery";

    /** A user made for a test. */
    public record User(String name, long uid) {
    }

    /** A new user with a unique name starting with {@code prefix}, and the password {@link #PASSWORD}. */
    public User newUser(String prefix) {
        String name = unique(prefix);
        return new User(name, createUser(name, PASSWORD));
    }

    /** A name no other test uses, as tests share one database. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new administrator (role admin, made with the API key) with the password {@link #PASSWORD}. */
    public User newAdmin(String prefix) {
        String name = unique(prefix);
        return new User(name, createUser(name, PASSWORD, "admin"));
    }

    public long createUser(String username, String password) {
        return createUser(username, password, "user");
    }

    /** Creates a user with a role, {@code user} or {@code admin}. */
    public long createUser(String username, String password, String role) {
        JsonObject body = Json.createObjectBuilder().add("username", username).add("password", password)
                .add("role", role).build();
        return send("POST", "api/users", body.toString(), 201).getJsonNumber("uid").longValue();
    }

    public long createGroup(String name) {
        return send("POST", "api/groups", Json.createObjectBuilder().add("name", name).build().toString(), 201)
                .getJsonNumber("id").longValue();
    }

    /** A new group with these members; answers its id. */
    public long newGroup(String name, User... members) {
        long group = createGroup(name);
        for (User member : members) {
            addMember(group, member.uid());
        }
        return group;
    }

    public void addMember(long groupId, long uid) {
        send("PUT", "api/groups/" + groupId + "/members/" + uid, null, 201);
    }

    /** Sets a user's password; fails unless the server answers {@code expectedStatus} (204 when it is set). */
    public void setPassword(long uid, String password, int expectedStatus) {
        send("PUT", "api/users/" + uid + "/password",
                Json.createObjectBuilder().add("password", password).build().toString(), expectedStatus);
    }

    public void disableUser(long uid) {
        send("PUT", "api/users/" + uid + "/disabled", "{\"disabled\":true}", 200);
    }

    /** A push device as registration answered it. */
    public record Device(long id, String token) {
    }

    /** Registers a device at the seed's {@code /registration} with a new serial number. */
    public Device registerDevice(int deviceType) {
        String serial = unique("serial");
        JsonObject body = send("POST", "registration?serial_no=" + serial + "&device_type=" + deviceType, null, 200);
        return new Device(body.getJsonNumber("device_id").longValue(), body.getString("token"));
    }

    /** An HTTP answer. */
    public record Answer(int status, String body, HttpResponse<String> response) {

        /** The body as a JSON object; fails unless the answer is JSON. */
        public JsonObject json() {
            assertThat(response.headers().firstValue("Content-Type")).as(body)
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            return Json.createReader(new StringReader(body)).readObject();
        }

        /** Fails unless this is an error of that status with the API's {@code {"code","message"}} body. */
        public Answer isError(int expectedStatus, String code) {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(json().getString("code")).as(body).isEqualTo(code);
            assertThat(json().getString("message")).isNotBlank();
            return this;
        }

        /** Fails unless the answer has this status. */
        public Answer isStatus(int expectedStatus) {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            return this;
        }

        /** Fails unless this is a seed push answer ({@code {"code":N,"msg"}}) of that status and code. */
        public Answer isPushCode(int expectedStatus, int code) {
            assertThat(status).as(body).isEqualTo(expectedStatus);
            assertThat(json().getInt("code")).as(body).isEqualTo(code);
            return this;
        }
    }

    /** {@code Authorization: Bearer <the API key>}. */
    public static String apiKey() {
        return "Bearer " + MissiveServer.API_KEY;
    }

    /**
     * Any call: {@code authorization} is the whole header value or null for none; a body goes as
     * {@code contentType} (JSON when null).
     */
    public Answer call(String method, String path, String body, String authorization, String contentType) {
        return call(server.httpUri(path), method, body, authorization, contentType);
    }

    /** Like {@link #call(String, String, String, String, String)}, to any URI (another listener's). */
    public Answer call(URI uri, String method, String body, String authorization, String contentType) {
        String path = uri.getPath();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", contentType == null ? "application/json" : contentType);
        }
        try {
            HttpResponse<String> response = server.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A JSON call. */
    public Answer call(String method, String path, String json, String authorization) {
        return call(method, path, json, authorization, null);
    }

    /** Logs a user in; answers {@code Bearer <access token>}. */
    public String login(User user) {
        Answer a = call("POST", "api/auth/login", Json.createObjectBuilder().add("username", user.name())
                .add("password", PASSWORD).build().toString(), null);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return "Bearer " + a.json().getString("accessToken");
    }

    private JsonObject send(String method, String path, String json, int expectedStatus) {
        URI uri = server.httpUri(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + server.apiKey())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = server.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new AssertionError(method + " " + uri + " answered " + response.statusCode()
                        + " (expected " + expectedStatus + "): " + response.body());
            }
            String body = response.body();
            return body == null || body.isBlank() ? JsonObject.EMPTY_JSON_OBJECT
                    : Json.createReader(new StringReader(body)).readObject();
        } catch (IOException e) {
            throw new AssertionError(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
