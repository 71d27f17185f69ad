package io.missive.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The nodes {@code ./mvnw -Prun} starts: one as it always was, or several of a cluster on their own ports. */
class LaunchedNodeTest {

    private static final Map<String, Integer> TCP = orderedPorts("binary", 19095, "mqtt", 1883, "any", 0);

    @TempDir
    Path workDir;

    @Test
    void oneNodeKeepsTheConfiguredPortsAndRunsWithoutAGrid() throws Exception {
        List<LaunchedNode> nodes = LaunchedNode.plan(1, 9095, 8443, TCP, 6900, "missive-run-x");
        assertThat(nodes).hasSize(1);
        LaunchedNode only = nodes.get(0);
        assertThat(only.clustered()).isFalse();
        assertThat(only.systemProperties()).isEmpty();
        assertThat(only.tcpPorts()).isEqualTo(TCP);
        assertThat(only.portsToCheck()).containsOnlyKeys(9095, 8443, 19095, 1883);
        assertThat(command(only)).contains("--nocluster", "-Dhazelcast.metrics.enabled=false")
                .doesNotContain("--clustermode");
    }

    @Test
    void hazelcastsOwnMetricsAreOffUnlessAJvmOptionTurnsThemOn() throws Exception {
        Path dir = Files.createDirectories(workDir.resolve("metrics"));
        List<String> command = new PayaraMicroCommand().payaraMicroJar(Files.createFile(dir.resolve("payara-micro.jar")))
                .war(Files.createFile(dir.resolve("missive.war")))
                .dataSource("jdbc:postgresql://127.0.0.1:5433/missive", "missive", "secret")
                .workDirectory(dir.resolve("work")).jvmOption("-Dhazelcast.metrics.enabled=true").build();
        assertThat(command).contains("-Dhazelcast.metrics.enabled=true").doesNotContain("-Dhazelcast.metrics.enabled=false");
    }

    @Test
    void eachNodeOfAClusterHasItsOwnPortsIdAndTheGridsExplicitMembers() throws Exception {
        List<LaunchedNode> nodes = LaunchedNode.plan(3, 9095, 8443, TCP, 6900, "missive-run-x");
        LaunchedNode third = nodes.get(2);
        assertThat(third.nodeId()).isEqualTo("node-3");
        assertThat(third.httpPort()).isEqualTo(9295);
        assertThat(third.httpsPort()).isEqualTo(8643);
        assertThat(third.tcpPorts()).isEqualTo(orderedPorts("binary", 19295, "mqtt", 2083, "any", 0));
        assertThat(third.systemProperties()).containsEntry("missive.cluster.enabled", "true")
                .containsEntry("missive.cluster.node-id", "node-3")
                .containsEntry("missive.cluster.advertised-host", "127.0.0.1")
                .containsEntry("missive.tcp.binary.port", "19295")
                .containsEntry("missive.tcp.any.port", "0");
        assertThat(third.portsToCheck()).containsEntry(6902, "missive.cluster.grid-port (node-3 takes it + 2)")
                .containsEntry(9295, "missive.http.port (node-3 takes it + 200)");
        String command = String.join(" ", command(third));
        assertThat(command).doesNotContain("--nocluster")
                .contains("--clustermode tcpip:127.0.0.1:6900,127.0.0.1:6901,127.0.0.1:6902 --clustername missive-run-x"
                        + " --startport 6902 --interfaces 127.0.0.1")
                .contains("-Dhazelcast.max.no.heartbeat.seconds=6");
    }

    @Test
    void portsThatTwoNodesWouldShareAreRefusedBeforeAnythingStarts() {
        Map<String, Integer> close = orderedPorts("binary", 19095, "binary-trusted", 19195);
        assertThatThrownBy(() -> LaunchedNode.plan(2, 9095, 8443, close, 6900, "missive-run-x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Port 19195");
        assertThatThrownBy(() -> LaunchedNode.plan(0, 9095, 8443, TCP, 6900, "missive-run-x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missive.cluster.nodes");
    }

    /** The Payara Micro command line the launcher builds for {@code node}. */
    private List<String> command(LaunchedNode node) throws Exception {
        Path dir = Files.createDirectories(workDir.resolve(node.title("single")));
        Path jar = Files.createFile(dir.resolve("payara-micro.jar"));
        Path war = Files.createFile(dir.resolve("missive.war"));
        return node.applyTo(new PayaraMicroCommand().payaraMicroJar(jar).war(war)
                .dataSource("jdbc:postgresql://127.0.0.1:5433/missive", "missive", "secret")
                .workDirectory(dir.resolve("work"))).build();
    }

    private static Map<String, Integer> orderedPorts(Object... namesAndPorts) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < namesAndPorts.length; i += 2) {
            ports.put((String) namesAndPorts[i], (Integer) namesAndPorts[i + 1]);
        }
        return ports;
    }
}
