package io.missive.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document describes every endpoint, and the page that renders it is served. */
class OpenApiIT extends MissiveIT {

    @Test
    void theDocumentHasEveryPathWithItsMethods() {
        // the URL the docs page fetches
        Api.Answer answer = api.call("GET", "openapi?format=JSON", null, null);
        assertThat(answer.status()).isEqualTo(200);
        JsonObject document = Json.createReader(new StringReader(answer.body())).readObject();
        JsonObject paths = document.getJsonObject("paths");
        assertThat(paths.keySet()).contains(
                "/api/push/registration", "/api/push/put", "/api/messages", "/api/auth/login", "/api/auth/jwks",
                "/api/conversations/groups/{groupId}/messages", "/api/conversations/users/{uidA}/{uidB}/messages",
                "/api/users/{uid}/groups", "/api/users", "/api/users/{uid}", "/api/users/{uid}/disabled",
                "/api/users/{uid}/password", "/api/groups", "/api/groups/{id}", "/api/groups/{id}/members",
                "/api/groups/{id}/members/{uid}", "/api/users/{uid}/role", "/api/admin/status",
                "/api/admin/connections", "/api/admin/connections/{id}", "/api/admin/inject", "/api/admin/pending",
                "/api/admin/users", "/api/admin/users/{uid}/pending", "/api/admin/groups", "/api/admin/devices",
                "/api/admin/devices/{deviceId}");
        assertThat(paths.getJsonObject("/api/admin/status").getJsonObject("get").getJsonArray("security").toString())
                .contains("userToken").doesNotContain("apiKey");
        assertThat(paths.getJsonObject("/api/push/put").keySet()).contains("post");
        assertThat(paths.getJsonObject("/api/messages").getJsonObject("post").getJsonObject("responses").keySet())
                .contains("200", "400", "401", "403", "404", "413", "503");
        assertThat(paths.getJsonObject("/api/conversations/groups/{groupId}/messages").getJsonObject("get")
                .getJsonArray("security").toString()).contains("apiKey", "userToken");
        assertThat(answer.body()).contains("HistoryRecord", "MsgId", "TimeCreate", "clientMsgId");
    }

    @Test
    void sharedErrorAnswersAreDeclaredOnceAndReferredTo() {
        JsonObject document = Json.createReader(new StringReader(api.call("GET", "openapi?format=JSON", null, null)
                .body())).readObject();
        JsonObject notFound = document.getJsonObject("components").getJsonObject("responses").getJsonObject("NotFound");
        assertThat(notFound.getString("description")).startsWith("No such user");
        assertThat(notFound.getJsonObject("content").toString()).contains("#/components/schemas/Error");
        JsonObject userResponses = document.getJsonObject("paths").getJsonObject("/api/users/{uid}").getJsonObject("get")
                .getJsonObject("responses");
        assertThat(userResponses.getJsonObject("404").getString("$ref")).isEqualTo("#/components/responses/NotFound");
        assertThat(userResponses.getJsonObject("401").getString("$ref")).isEqualTo("#/components/responses/Unauthorized");
        assertThat(userResponses.getJsonObject("200").containsKey("$ref")).isFalse();
    }

    @Test
    void thePageForPeopleIsServedFromTheWar() {
        Api.Answer page = api.call("GET", "api-docs/", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<script src=\"api-docs.js\"></script>").doesNotContain("https://");
        Api.Answer script = api.call("GET", "api-docs/api-docs.js", null, null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("fetch('/openapi?format=JSON'");
    }
}
