package io.missive.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The management REST API over real HTTP: users, groups and members, the API key, and the JSON
 * error answers ({@code {"code","message"}}) for every kind of refusal.
 */
class ManagementApiIT extends MissiveIT {

    private static final String PASSWORD = "correct horse battery";


    // ------------------------------------------------------------------ users

    @Test
    void createsAUserAndFindsItByUidAndByUsername() throws Exception {
        String name = Api.unique("alice");
        Instant before = Instant.now().minusSeconds(60);

        HttpResponse<String> created = call("POST", "api/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        assertJson(created);
        JsonObject user = json(created);
        long uid = user.getJsonNumber("uid").longValueExact();
        assertThat(uid).isBetween(1L, 4294967295L);
        assertThat(user.getString("username")).isEqualTo(name);
        assertThat(user.getString("role")).isEqualTo("user");
        assertThat(user.getBoolean("disabled")).isFalse();
        assertThat(Instant.parse(user.getString("createdAt"))).isAfter(before);
        assertThat(user.keySet()).containsExactlyInAnyOrder("uid", "username", "role", "disabled", "createdAt");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(URI.create(location).getPath()).isEqualTo("/api/users/" + uid));

        HttpResponse<String> byUid = call("GET", "api/users/" + uid, null);
        assertThat(byUid.statusCode()).isEqualTo(200);
        assertThat(json(byUid)).isEqualTo(user);

        HttpResponse<String> byName = call("GET", "api/users?username=" + name, null);
        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(json(byName)).isEqualTo(user);

        assertThat(created.body() + byUid.body() + byName.body()).doesNotContainIgnoringCase("password")
                .doesNotContain("PBKDF2");
    }

    @Test
    void storesASaltedPbkdf2HashNeverThePassword() throws Exception {
        String name = Api.unique("hashed");
        long uid = uid(call("POST", "api/users", userJson(name, PASSWORD, "admin")));
        String first = storedHash(uid);

        assertThat(first).matches("PBKDF2WithHmacSHA256:[0-9]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+").doesNotContain(PASSWORD);
        assertThat(first.split(":")).hasSize(4);

        HttpResponse<String> changed = call("PUT", "api/users/" + uid + "/password", "{\"password\":\"another password\"}");
        assertThat(changed.statusCode()).isEqualTo(204);
        assertThat(changed.body()).isEmpty();
        String second = storedHash(uid);
        assertThat(second).startsWith("PBKDF2WithHmacSHA256:").isNotEqualTo(first);

        long other = uid(call("POST", "api/users", userJson(Api.unique("same-password"), PASSWORD, null)));
        assertThat(storedHash(other)).as("a fresh salt per hash").isNotEqualTo(first);
    }

    @Test
    void anAdminRoleIsKept() throws Exception {
        HttpResponse<String> created = call("POST", "api/users", userJson(Api.unique("root"), PASSWORD, "admin"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).getString("role")).isEqualTo("admin");
    }

    @Test
    void aTakenUsernameIsAConflict() throws Exception {
        String name = Api.unique("taken");
        assertThat(call("POST", "api/users", userJson(name, PASSWORD, null)).statusCode()).isEqualTo(201);

        HttpResponse<String> again = call("POST", "api/users", userJson(name, "other password", null));

        assertError(again, 409, "conflict");
        assertThat(json(again).getString("message")).contains(name);
    }

    @Test
    void disablesAndEnablesAUser() throws Exception {
        long uid = uid(call("POST", "api/users", userJson(Api.unique("switch"), PASSWORD, null)));

        HttpResponse<String> disabled = call("PUT", "api/users/" + uid + "/disabled", "{\"disabled\":true}");
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(json(disabled).getBoolean("disabled")).isTrue();
        assertThat(json(disabled).getJsonNumber("uid").longValueExact()).isEqualTo(uid);
        assertThat(json(call("GET", "api/users/" + uid, null)).getBoolean("disabled")).isTrue();

        HttpResponse<String> again = call("PUT", "api/users/" + uid + "/disabled", "{\"disabled\":true}");
        assertThat(again.statusCode()).as("idempotent").isEqualTo(200);

        HttpResponse<String> enabled = call("PUT", "api/users/" + uid + "/disabled", "{\"disabled\":false}");
        assertThat(enabled.statusCode()).isEqualTo(200);
        assertThat(json(enabled).getBoolean("disabled")).isFalse();
    }

    @Test
    void missingUsersAre404() throws Exception {
        long missing = missingId();
        assertError(call("GET", "api/users/" + missing, null), 404, "not_found");
        assertError(call("GET", "api/users?username=" + Api.unique("nobody"), null), 404, "not_found");
        assertError(call("PUT", "api/users/" + missing + "/disabled", "{\"disabled\":true}"), 404, "not_found");
        assertError(call("PUT", "api/users/" + missing + "/password", "{\"password\":\"" + PASSWORD + "\"}"),
                404, "not_found");
    }

    @Test
    void badUidsAre400NeverAServerError() throws Exception {
        for (String bad : List.of("abc", "0", "-1", "4294967296", "99999999999999999999999", "1.5", "%20")) {
            assertError(call("GET", "api/users/" + bad, null), 400, "invalid_request");
            assertError(call("PUT", "api/users/" + bad + "/disabled", "{\"disabled\":true}"), 400, "invalid_request");
        }
        assertError(call("GET", "api/users", null), 400, "invalid_request");
    }

    // ------------------------------------------------------------------ validation and malformed input

    @Test
    void brokenRulesAre400WithTheViolations() throws Exception {
        record Case(String body, String field) {
        }
        for (Case c : List.of(
                new Case(userJson("", PASSWORD, null), "username"),
                new Case(userJson("x".repeat(65), PASSWORD, null), "username"),
                new Case(userJson("has space", PASSWORD, null), "username"),
                new Case(userJson("semi;colon", PASSWORD, null), "username"),
                new Case("{\"password\":\"" + PASSWORD + "\"}", "username"),
                new Case(userJson(Api.unique("shortpw"), "1234567", null), "password"),
                new Case(userJson(Api.unique("longpw"), "p".repeat(257), null), "password"),
                new Case("{\"username\":\"" + Api.unique("nopw") + "\"}", "password"),
                new Case(userJson(Api.unique("role"), PASSWORD, "root"), "role"))) {
            HttpResponse<String> response = call("POST", "api/users", c.body());

            assertError(response, 400, "invalid_request");
            assertThat(json(response).getJsonArray("violations")).as(c.body())
                    .anySatisfy(v -> assertThat(v.asJsonObject().getString("field")).isEqualTo(c.field()));
        }

        HttpResponse<String> several = call("POST", "api/users", userJson("a b", "short", "god"));
        assertError(several, 400, "invalid_request");
        assertThat(json(several).getJsonArray("violations").stream()
                .map(v -> v.asJsonObject().getString("field")).toList())
                .containsExactlyInAnyOrder("password", "role", "username");

        assertThat(call("POST", "api/users", userJson(Api.unique("p"), "p".repeat(256), null)).statusCode())
                .as("256 characters is the longest password").isEqualTo(201);

        assertError(call("PUT", "api/users/1000/disabled", "{}"), 400, "invalid_request");
        assertError(call("PUT", "api/users/1000/password", "{\"password\":\"short\"}"), 400, "invalid_request");
        assertError(call("POST", "api/groups", "{\"name\":\"   \"}"), 400, "invalid_request");
        assertError(call("POST", "api/groups", "{\"name\":\"" + "g".repeat(129) + "\"}"), 400, "invalid_request");
    }

    @Test
    void malformedJsonIs400WithAJsonBody() throws Exception {
        for (String body : List.of("{\"username\":", "not json", "{'username':'x'}", "[1,2,3]",
                "{\"username\":\"x\",\"password\":12345678,}")) {
            assertError(call("POST", "api/users", body), 400, "malformed_json");
        }
        assertError(call("PUT", "api/users/1000/disabled", "{\"disabled\":\"maybe\"}"), 400, "malformed_json");
        assertError(call("POST", "api/groups", "{\"name\":"), 400, "malformed_json");
    }

    @Test
    void aMissingBodyIs400() throws Exception {
        HttpResponse<String> response = call("POST", "api/users", "");
        assertThat(response.statusCode()).isEqualTo(400);
        assertJson(response);
        assertThat(json(response).getString("code")).isIn("malformed_json", "invalid_request");

        HttpResponse<String> nullBody = call("POST", "api/users", "null");
        assertThat(nullBody.statusCode()).isEqualTo(400);
        assertJson(nullBody);
    }

    @Test
    void aBodyThatIsNotJsonIs415() throws Exception {
        HttpRequest request = request("POST", "api/users", "username=x&password=y", server.apiKey())
                .setHeader("Content-Type", "application/x-www-form-urlencoded")
                .build();
        assertError(send(request), 415, "unsupported_media_type");
    }

    @Test
    void unknownPathsAndMethodsAreJson() throws Exception {
        assertError(call("GET", "api/no-such-thing", null), 404, "not_found");
        assertError(call("GET", "api/users/1000/no-such-thing", null), 404, "not_found");
        HttpResponse<String> notAllowed = call("DELETE", "api/users/1000", null);
        assertError(notAllowed, 405, "method_not_allowed");
    }

    // ------------------------------------------------------------------ the API key

    @Test
    void everyCallWithoutTheKeyIs401() throws Exception {
        for (String[] c : new String[][]{
                {"POST", "api/users", userJson(Api.unique("nokey"), PASSWORD, null)},
                {"GET", "api/users/1000", null},
                {"GET", "api/users?username=x", null},
                {"PUT", "api/users/1000/disabled", "{\"disabled\":true}"},
                {"PUT", "api/users/1000/password", "{\"password\":\"" + PASSWORD + "\"}"},
                {"POST", "api/groups", "{\"name\":\"g\"}"},
                {"GET", "api/groups/1000", null},
                {"DELETE", "api/groups/1000", null},
                {"GET", "api/groups/1000/members", null},
                {"PUT", "api/groups/1000/members/1000", null},
                {"DELETE", "api/groups/1000/members/1000", null},
                {"POST", "api/users", "{not even json"}}) {
            HttpResponse<String> response = send(request(c[0], c[1], c[2], null).build());

            assertError(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(c[0] + " " + c[1])
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
    }

    @Test
    void aWrongKeyIs401() throws Exception {
        for (String key : List.of(server.apiKey() + "x", server.apiKey().substring(1), "x", server.apiKey().toUpperCase())) {
            HttpResponse<String> response = send(request("GET", "api/users/1000", null, key).build());

            assertError(response, 401, "unauthorized");
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer").contains("invalid_token"));
        }
        HttpResponse<String> basic = send(HttpRequest.newBuilder(server.httpUri("api/users/1000"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + server.apiKey())
                .GET().build());
        assertError(basic, 401, "unauthorized");
    }

    @Test
    void aWrongKeyCreatesNothing() throws Exception {
        String name = Api.unique("sneaky");
        assertError(send(request("POST", "api/users", userJson(name, PASSWORD, null), "wrong").build()), 401, "unauthorized");
        assertError(call("GET", "api/users?username=" + name, null), 404, "not_found");
    }

    // ------------------------------------------------------------------ groups

    @Test
    void groupLifeCycle() throws Exception {
        long alice = uid(call("POST", "api/users", userJson(Api.unique("member-a"), PASSWORD, null)));
        long bob = uid(call("POST", "api/users", userJson(Api.unique("member-b"), PASSWORD, null)));
        String name = Api.unique("team");

        HttpResponse<String> created = call("POST", "api/groups", "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertJson(created);
        JsonObject group = json(created);
        long id = group.getJsonNumber("id").longValueExact();
        assertThat(id).isBetween(1L, 4294967295L);
        assertThat(group.getString("name")).isEqualTo(name);
        assertThat(Instant.parse(group.getString("createdAt"))).isNotNull();
        assertThat(group.getInt("memberCount")).isZero();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(URI.create(location).getPath()).isEqualTo("/api/groups/" + id));

        HttpResponse<String> added = call("PUT", "api/groups/" + id + "/members/" + alice, null);
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(added)).isEqualTo(Json.createObjectBuilder()
                .add("groupId", id).add("uid", alice).add("added", true).build());
        HttpResponse<String> again = call("PUT", "api/groups/" + id + "/members/" + alice, null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).getBoolean("added")).isFalse();
        assertThat(call("PUT", "api/groups/" + id + "/members/" + bob, null).statusCode()).isEqualTo(201);

        HttpResponse<String> fetched = call("GET", "api/groups/" + id, null);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(json(fetched).getInt("memberCount")).isEqualTo(2);
        assertThat(json(fetched).getString("name")).isEqualTo(name);

        HttpResponse<String> members = call("GET", "api/groups/" + id + "/members", null);
        assertThat(members.statusCode()).isEqualTo(200);
        JsonObject list = json(members);
        assertThat(list.getJsonNumber("groupId").longValueExact()).isEqualTo(id);
        assertThat(list.getJsonArray("members").stream().map(m -> m.asJsonObject().getJsonNumber("uid").longValueExact()))
                .containsExactly(Math.min(alice, bob), Math.max(alice, bob));
        assertThat(list.getJsonArray("members")).allSatisfy(m ->
                assertThat(Instant.parse(m.asJsonObject().getString("joinedAt"))).isNotNull());

        assertThat(call("DELETE", "api/groups/" + id + "/members/" + alice, null).statusCode()).isEqualTo(204);
        assertError(call("DELETE", "api/groups/" + id + "/members/" + alice, null), 404, "not_found");
        assertThat(json(call("GET", "api/groups/" + id, null)).getInt("memberCount")).isEqualTo(1);

        HttpResponse<String> deleted = call("DELETE", "api/groups/" + id, null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertError(call("DELETE", "api/groups/" + id, null), 404, "not_found");
        assertError(call("GET", "api/groups/" + id, null), 404, "not_found");
        assertError(call("GET", "api/groups/" + id + "/members", null), 404, "not_found");
    }

    @Test
    void membershipOfMissingGroupsOrUsersIs404() throws Exception {
        long user = uid(call("POST", "api/users", userJson(Api.unique("lonely"), PASSWORD, null)));
        long group = json(call("POST", "api/groups", "{\"name\":\"" + Api.unique("g") + "\"}")).getJsonNumber("id").longValueExact();
        long missing = missingId();

        assertError(call("PUT", "api/groups/" + missing + "/members/" + user, null), 404, "not_found");
        assertError(call("PUT", "api/groups/" + group + "/members/" + missing, null), 404, "not_found");
        assertError(call("DELETE", "api/groups/" + missing + "/members/" + user, null), 404, "not_found");
        assertError(call("DELETE", "api/groups/" + group + "/members/" + user, null), 404, "not_found");
        assertError(call("GET", "api/groups/" + missing, null), 404, "not_found");
        assertError(call("DELETE", "api/groups/" + missing, null), 404, "not_found");

        for (String bad : List.of("x", "0", "4294967296", "-7")) {
            assertError(call("GET", "api/groups/" + bad, null), 400, "invalid_request");
            assertError(call("PUT", "api/groups/" + group + "/members/" + bad, null), 400, "invalid_request");
            assertError(call("PUT", "api/groups/" + bad + "/members/" + user, null), 400, "invalid_request");
        }
    }

    // ------------------------------------------------------------------ OpenAPI

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.httpUri("openapi"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/api/users", "/api/groups/{id}/members/{uid}", "bearer", "date-time",
                "Create a user");
    }

    // ------------------------------------------------------------------ helpers

    /** An id no user or group has: far above what the sequences (from 1000) hand out in tests. */
    private static long missingId() {
        return 4_200_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextLong(90_000_000L);
    }

    private static String userJson(String username, String password, String role) {
        var body = Json.createObjectBuilder().add("username", username).add("password", password);
        if (role != null) {
            body.add("role", role);
        }
        return body.build().toString();
    }

    private HttpRequest.Builder request(String method, String path, String body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.httpUri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    /** A call with the right key. */
    private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        return send(request(method, path, body, server.apiKey()).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return server.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        try {
            return Json.createReader(new StringReader(response.body())).readObject();
        } catch (RuntimeException e) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + " with a body that is not a JSON object: " + response.body(), e);
        }
    }

    private static long uid(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).getJsonNumber("uid").longValueExact();
    }

    private static void assertJson(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).as("Content-Type of " + response.uri())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    }

    /** A JSON error answer {"code","message"} with this status and code, and no stack trace. */
    private static void assertError(HttpResponse<String> response, int status, String code) {
        String what = response.request().method() + " " + response.uri() + " -> " + response.statusCode() + " "
                + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertJson(response);
        JsonObject error = json(response);
        assertThat(error.getString("code", null)).as(what).isEqualTo(code);
        assertThat(error.get("message")).as(what).isNotNull().isNotEqualTo(JsonValue.NULL);
        assertThat(error.getString("message")).as(what).isNotBlank();
        assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private String storedHash(long uid) throws Exception {
        try (Connection connection = server.openConnection();
             PreparedStatement query = connection.prepareStatement("SELECT password_hash FROM users WHERE uid = ?")) {
            query.setLong(1, uid);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("user " + uid + " in the database").isTrue();
                return rows.getString(1);
            }
        }
    }
}
