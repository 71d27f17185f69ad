package io.missive.it;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the README and server-config/README.md say about WildFly, checked on the WildFly the
 * failsafe execution {@code wildfly} starts (this class runs only there): the WAR's own Hibernate
 * with Missive's JTA platform, REST on JSON-B, context root /, health on the management port only,
 * and Missive's own /metrics.
 */
class WildFlyDeploymentIT extends MissiveIT {

    @BeforeEach
    void onWildFlyOnly() {   // also when -Dit.test names it, which runs it in both executions
        assumeTrue(WildFlyDeployment.selected(), "the tests run on Payara Micro");
    }

    @Test
    void runsTheBundledHibernateWithTheContainersTransactions() throws Exception {
        assertThat(server.serverName()).isEqualTo(WildFlyDeployment.SERVER);
        String log = Files.readString(server.logFile());
        assertThat(log)
                .contains("HHH000412: Hibernate ORM core version " + System.getProperty("missive.it.hibernate-version"))
                .contains("HHH000490: Using JTA platform [io.missive.store.ContainerJtaPlatform]")
                .contains("WFLYUT0021: Registered web context: '/'")
                .contains("MSV4006")
                .doesNotContain("WFLYRS0018");   // RESTEasy did not switch to Jackson
        assertThat(server.severeRecords()).isEmpty();
    }

    @Test
    void restAnswersJsonBTimestamps() {
        Api.User user = api.newUser("wildfly-jsonb");
        Api.Answer answer = api.call("GET", "api/users/" + user.uid(), null, Api.apiKey()).isStatus(200);
        assertThat(answer.json().getString("createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void healthIsOnTheManagementPortAndMetricsOnTheApplicationsPort() throws Exception {
        assertThat(status(server.healthUri("health/ready").toString())).isEqualTo(200);
        assertThat(status(server.httpUri("health/ready").toString())).isEqualTo(404);
        assertThat(status(server.httpUri("metrics").toString())).isEqualTo(200);
    }

    private int status(String uri) throws Exception {
        return server.httpClient().send(HttpRequest.newBuilder(java.net.URI.create(uri)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
