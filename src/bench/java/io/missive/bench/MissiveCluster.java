package io.missive.bench;

import io.missive.launch.DataGrid;
import io.missive.launch.EmbeddedDatabase;
import io.missive.launch.FreePorts;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Missive nodes of one cluster as the suite measures them: one fresh, durable embedded PostgreSQL, and
 * Payara Micro nodes with the WAR started one after the other, joined in a data grid with explicit
 * members on 127.0.0.1 and a cluster name of the run's own, with the grid's fast failure detection that
 * {@code ./mvnw -Prun -Dmissive.cluster.nodes=3} uses too ({@link DataGrid}).
 */
final class MissiveCluster implements AutoCloseable {

    /**
     * Options of each node's JVM: three nodes share the machine, so a 1 GiB heap each, not touched in full at
     * start (the resident size then shows what a node uses), and the full JIT.
     */
    static final List<String> JVM_OPTIONS = List.of("-Xmx1g");

    private static final long BOARD_TIMEOUT_SECONDS = 120;

    private final EmbeddedDatabase database;
    private final List<String> names;
    private final List<MissiveUnderTest> nodes = new ArrayList<>();

    private MissiveCluster(EmbeddedDatabase database, List<String> names) {
        this.database = database;
        this.names = names;
    }

    /** Starts PostgreSQL and a node per name of {@code names} under {@code workDir}; returns once the board lists every node ready. */
    static MissiveCluster start(Path workDir, FreePorts ports, List<String> names, int mqttInflight, PrintStream progress)
            throws IOException, InterruptedException {
        Path dataDirectory = workDir.resolve("postgres");
        MissiveCluster cluster = new MissiveCluster(MissiveUnderTest.startDatabase(dataDirectory, ports, progress),
                List.copyOf(names));
        try {
            List<Integer> gridPorts = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                gridPorts.add(ports.next());
            }
            String clusterName = "missive-bench-" + UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < names.size(); i++) {
                progress.println("  node " + names.get(i) + ":");
                cluster.nodes.add(MissiveUnderTest.startClusterNode(cluster.database, dataDirectory,
                        workDir.resolve("node-" + names.get(i)), ports, JVM_OPTIONS,
                        new DataGrid(clusterName, gridPorts.get(i), gridPorts), names.get(i), mqttInflight, progress));
            }
            cluster.awaitBoard(progress);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Waits until the first node's board lists every node as ready. */
    private void awaitBoard(PrintStream progress) throws IOException, InterruptedException {
        ManagementApi api = node(0).managementApi();
        String token = api.adminToken("bench-admin");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOARD_TIMEOUT_SECONDS);
        while (true) {
            JsonObject cluster = api.status(token).getJsonObject("cluster");
            int ready = cluster.getInt("readyNodes", 0);
            if (ready == nodes.size()) {
                progress.println("  the node board lists " + ready + " ready nodes");
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the node board lists " + ready + " ready nodes, not " + nodes.size() + ", after "
                        + BOARD_TIMEOUT_SECONDS + " s: " + cluster);
            }
            Thread.sleep(500);
        }
    }

    MissiveUnderTest node(int index) {
        return nodes.get(index);
    }

    String name(int index) {
        return names.get(index);
    }

    int size() {
        return nodes.size();
    }

    List<Long> pids() {
        return nodes.stream().map(MissiveUnderTest::pid).toList();
    }

    String databaseSettings() {
        return database.settingsInForce();
    }

    /** PostgreSQL's postmaster (see {@link MissiveUnderTest#postmaster()}). */
    Optional<ProcessHandle> postmaster() {
        return nodes.isEmpty() ? Optional.empty() : nodes.get(0).postmaster();
    }

    @Override
    public void close() throws IOException {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        database.close();
    }
}
