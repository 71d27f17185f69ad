package io.missive.it;

import io.missive.binary.ConnectCode;
import io.missive.it.client.BinaryTcpClient;
import io.missive.it.client.BinaryWsClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The TCP connector's lifecycle follows the application's: undeploying the WAR closes every
 * listener's port and its connections (messages for those clients stay pending), and deploying it
 * again in the same Payara Micro listens on the same ports again, and every protocol works. A second Payara Micro, started
 * through {@link io.missive.launch.RedeployConsole}, on the shared database; costs one more boot.
 */
@ExtendWith(ArquillianExtension.class)
class RedeployIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return MissiveDeployment.war();
    }

    private final Api api = new Api();

    @Test
    void undeployClosesTheListenersAndDeployingAgainOpensThem() throws Exception {
        Api.User user = api.newUser("redeploy");
        Api.User peer = api.newUser("redeploy-peer");
        try (MissiveServer server = MissiveServer.get().startRedeployable("redeploy")) {
            int binaryPort = server.tcpPort(MissiveServer.TCP_BINARY);
            BinaryTcpClient before = BinaryTcpClient.connect(binaryPort);
            assertThat(before.login(user.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());

            assertThat(server.undeploy()).startsWith("undeployed");
            assertThat(before.awaitClosed(WAIT)).as("the connection of the undeployed application closes").isTrue();
            for (String listener : MissiveServer.TCP_LISTENERS) {
                int port = server.tcpPort(listener);
                assertThatThrownBy(() -> connect(port)).as("listener %s (port %d) after undeploy", listener, port)
                        .isInstanceOf(ConnectException.class);
            }
            // stored by the other node while this one has no application: pending for the user
            api.call("POST", "api/messages", "{\"user\":" + user.uid() + ",\"payload\":\"while undeployed\"}",
                    Api.apiKey()).isStatus(200);

            assertThat(server.deploy()).startsWith("deployed true");
            for (String listener : MissiveServer.TCP_LISTENERS) {
                connect(server.tcpPort(listener));
            }
            try (BinaryTcpClient after = BinaryTcpClient.connect(binaryPort)) {
                assertThat(after.login(user.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
                assertThat(after.receiveAndAcknowledge(1)).containsExactly("while undeployed");
                // the WebSocket endpoints and the core came back too
                try (BinaryWsClient ws = BinaryWsClient.connect(server.wsUri("ws"))) {
                    assertThat(ws.login(peer.name(), Api.PASSWORD).code()).isEqualTo(ConnectCode.ACCEPTED.code());
                    ws.publishAll(user.uid(), List.of("over ws after the redeploy"));
                }
                assertThat(after.receiveAndAcknowledge(1)).containsExactly("over ws after the redeploy");
            }
            assertThat(server.severeRecords()).as("SEVERE in %s", "target/payara-micro-redeploy.log").isEmpty();
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 2_000);
        }
    }
}
