package io.missive.it;

import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Smoke test of the deployment: it deployed cleanly, migrated the schema and answers on HTTP and HTTPS. */
class DeploymentIT extends MissiveIT {

    @ArquillianResource
    private URL base;


    @Test
    void deployedWithoutSevereLogRecords() {
        assertThat(server.bootSevereRecords()).isEmpty();
        assertThat(server.bootLog()).contains("\"Name\": \"missive\"");
        assertThat(MissiveServer.launches()).isEqualTo(1);
    }

    @Test
    void flywayCreatedTheSchema() throws Exception {
        try (Connection connection = server.openConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = ?")) {
            query.setString(1, "messages");
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).as("table messages").isEqualTo(1);
            }
        }
    }

    @Test
    void unknownRestResourceIsNotFound() throws Exception {
        assertThat(base.toString()).isEqualTo(server.httpUri().toString());
        HttpResponse<String> response = get(server.httpClient(), server.httpUri("api/does-not-exist").toString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void httpsServesTheGeneratedCertificate() throws Exception {
        HttpResponse<String> response = get(server.httpClient(), server.httpsUri("api/does-not-exist").toString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.sslSession()).isPresent();
        assertThat(response.sslSession().get().getPeerCertificates()[0]).isEqualTo(server.certificate());

        // self-signed: a client with the JDK's default trust store refuses it
        HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        assertThatThrownBy(() -> get(defaultTrust, server.httpsUri().toString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
        return client.send(HttpRequest.newBuilder(java.net.URI.create(uri)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
