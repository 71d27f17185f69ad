package io.missive.it;

import io.missive.launch.EmbeddedDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A second test class on the same deployment: it must reuse the Payara Micro that is already running. */
@ExtendWith(ArquillianExtension.class)
class SharedBootIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return MissiveDeployment.war();
    }

    @Test
    void reusesTheRunningPayaraMicro() throws Exception {
        MissiveServer server = MissiveServer.get();
        assertThat(MissiveServer.launches()).isEqualTo(1);
        assertThat(ProcessHandle.of(server.payaraMicroPid())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        HttpResponse<Void> response = server.httpClient().send(
                HttpRequest.newBuilder(URI.create(server.httpUri("api/does-not-exist").toString()))
                        .timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    /**
     * The integration tests' database is thrown away after the run, so it runs without fsync,
     * synchronous commit and full-page writes; the durable mode is for -Prun and the benchmarks
     * (EmbeddedDatabaseTest).
     */
    @Test
    void runsOnTheThrowAwayDatabase() throws Exception {
        MissiveServer server = MissiveServer.get();
        assertThat(server.databaseDurability()).isEqualTo(EmbeddedDatabase.Durability.THROW_AWAY);
        try (Connection connection = server.openConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW fsync")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("off");
        }
    }
}
