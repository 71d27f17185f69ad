package io.missive.it;

import io.missive.binary.ConnectCode;
import io.missive.it.client.BinaryTcpClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TCP connector's lifecycle is the application's: on a Payara Micro that deploys from a
 * watched directory, undeploying the WAR closes every TCP port (another process can listen on
 * it), and deploying it again listens again and serves clients.
 */
@ExtendWith(ArquillianExtension.class)
class RedeployIT {

    private static final Duration DEPLOY_WAIT = Duration.ofSeconds(90);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return MissiveDeployment.war();
    }

    @Test
    void undeployFreesEveryTcpPortAndDeployingAgainServesAgain() throws Exception {
        Api api = new Api();
        Api.User user = api.newUser("redeploy");
        try (MissiveServer server = MissiveServer.get().startAnother("redeploy", Map.of(), true)) {
            int binary = server.tcpPort(MissiveServer.TCP_BINARY);
            int text = server.tcpPort(MissiveServer.TCP_TEXT);
            assertThat(listening(binary)).isTrue();
            assertThat(listening(text)).isTrue();

            Path deployed = server.hotDeployedWar();
            Files.delete(deployed);
            awaitPort(binary, false);
            awaitPort(text, false);
            // free, not merely refusing: this process can listen on the ports now
            try (ServerSocket taken = new ServerSocket()) {
                taken.bind(new InetSocketAddress("127.0.0.1", binary));
            }

            Files.copy(server.war(), deployed, StandardCopyOption.REPLACE_EXISTING);
            awaitPort(binary, true);
            try (BinaryTcpClient client = BinaryTcpClient.connect(binary)) {
                assertThat(client.login(user.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
            }
            assertThat(server.severeRecords()).as("SEVERE in %s", server.logFile()).isEmpty();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void awaitPort(int port, boolean open) throws InterruptedException {
        long end = System.nanoTime() + DEPLOY_WAIT.toNanos();
        while (listening(port) != open) {
            if (System.nanoTime() > end) {
                throw new AssertionError("port " + port + " still " + (open ? "closed" : "open") + " after " + DEPLOY_WAIT);
            }
            Thread.sleep(250);
        }
    }
}
