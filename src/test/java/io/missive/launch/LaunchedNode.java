package io.missive.launch;

import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.missive.tcp.TcpListenerSettings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * One of the Payara Micro nodes the launcher starts on this machine: its ports and the settings that
 * make it a node of a cluster. With one node ({@code ./mvnw -Prun}) it is the launcher's server as
 * it always was: the configured ports, no data grid ({@code --nocluster}), no extra settings. With
 * {@code -Dmissive.cluster.nodes=N} every node shares the database, node {@code k} (from 1) takes each
 * configured port plus {@code (k - 1) * }{@value #PORT_STEP} (so that hand-picked neighbouring ports,
 * such as a trusted listener on 19096, stay clear) and the grid port {@code gridPort + k - 1}; the nodes
 * form a data grid with explicit members on 127.0.0.1 under a cluster name of this launch's own, so no
 * other Payara on the machine joins.
 *
 * @param number    1 for the first node
 * @param nodeId    the node's {@code missive.cluster.node-id}, {@code node-<number>}
 * @param tcpPorts  the TCP listeners' ports by listener name (0: any free port, kept as it is)
 * @param grid      the grid it joins, null for a single node
 */
public record LaunchedNode(int number, String nodeId, int httpPort, int httpsPort, Map<String, Integer> tcpPorts,
                        DataGrid grid) {

    /** The distance between two nodes' ports of the same kind. */
    public static final int PORT_STEP = 100;
    /** Hazelcast's own first port, as Payara Micro takes it without {@code --startport}. */
    public static final int DEFAULT_GRID_PORT = 6900;

    public LaunchedNode {
        tcpPorts = Collections.unmodifiableMap(new LinkedHashMap<>(tcpPorts));
    }

    /**
     * The nodes of one launch: {@code count} 1 gives the one node of {@code ./mvnw -Prun} as it was.
     *
     * @param tcpPorts the first node's TCP listener ports by listener name
     */
    public static List<LaunchedNode> plan(int count, int httpPort, int httpsPort, Map<String, Integer> tcpPorts,
                                       int gridPort, String clusterName) {
        if (count < 1) {
            throw new IllegalArgumentException("missive.cluster.nodes must be 1 or more, not " + count);
        }
        if (count == 1) {
            return List.of(new LaunchedNode(1, null, httpPort, httpsPort, tcpPorts, null));
        }
        List<Integer> gridPorts = IntStream.range(0, count).mapToObj(i -> gridPort + i).toList();
        List<LaunchedNode> nodes = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            int offset = (k - 1) * PORT_STEP;
            Map<String, Integer> ports = new LinkedHashMap<>();
            tcpPorts.forEach((listener, port) -> ports.put(listener, port == 0 ? 0 : port + offset));
            nodes.add(new LaunchedNode(k, "node-" + k, httpPort + offset, httpsPort + offset, ports,
                    new DataGrid(clusterName, gridPorts.get(k - 1), gridPorts)));
        }
        Map<Integer, String> taken = new LinkedHashMap<>();
        for (LaunchedNode node : nodes) {
            node.portsToCheck().forEach((port, setting) -> {
                String other = taken.putIfAbsent(port, setting);
                if (other != null) {
                    throw new IllegalArgumentException("Port " + port + " would serve both " + other + " and " + setting
                            + ": choose ports further apart");
                }
            });
        }
        return List.copyOf(nodes);
    }

    public boolean clustered() {
        return grid != null;
    }

    /**
     * What this node's application gets on top of the launcher's passed-on settings: nothing for a
     * single node; for a node of a cluster its listener ports, its id and that its clients are sent to
     * 127.0.0.1 (the grid binds there only).
     */
    public Map<String, String> systemProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        if (clustered()) {
            tcpPorts.forEach((listener, port) -> properties.put("missive.tcp." + listener + ".port", Integer.toString(port)));
            properties.putAll(DataGrid.nodeSettings(nodeId));
        }
        return properties;
    }

    /**
     * The ports this node binds that must be free before it starts, each with the setting that moves
     * it (for node 2 and later: the first node's setting, which every node's port follows).
     */
    public Map<Integer, String> portsToCheck() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        String moved = number == 1 ? "" : " (" + nodeId + " takes it + " + (number - 1) * PORT_STEP + ")";
        ports.put(httpPort, "missive.http.port" + moved);
        ports.put(httpsPort, "missive.https.port" + moved);
        tcpPorts.forEach((listener, port) -> {
            if (port != 0) {
                ports.put(port, "missive.tcp." + listener + ".port" + moved);
            }
        });
        if (clustered()) {
            ports.put(grid.port(), "missive.cluster.grid-port" + (number == 1 ? "" : " (" + nodeId + " takes it + "
                    + (number - 1) + ")"));
        }
        return ports;
    }

    /** Sets this node's HTTP ports, its settings and its grid (or none) on {@code command}. */
    public PayaraMicroCommand applyTo(PayaraMicroCommand command) {
        command.httpPort(httpPort).httpsPort(httpsPort).systemProperties(systemProperties());
        if (clustered()) {
            command.dataGrid(grid);
        }
        return command;
    }

    /** "node-2" for a node of a cluster, else the server's own name. */
    public String title(String serverName) {
        return clustered() ? nodeId : serverName;
    }

    /**
     * The TCP listeners' ports by listener name: each listener of missive.tcp.listeners with its
     * missive.tcp.&lt;name&gt;.port, else its protocol's default port where it is named after its protocol
     * (a listener of another name without a port is left to the application, which refuses it).
     */
    static Map<String, Integer> configuredTcpPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String listener : Settings.get(TcpListenerSettings.LISTENERS, TcpListenerSettings.DEFAULT_LISTENERS)
                .split("\\s*,\\s*")) {
            if (listener.isEmpty()) {
                continue;
            }
            String setting = "missive.tcp." + listener + ".port";
            Optional<Integer> defaultPort = Protocols.named(listener).map(ProtocolSpec::defaultPort);
            if (Settings.get(setting).isPresent() || defaultPort.isPresent()) {
                ports.put(listener, Settings.getInt(setting, defaultPort.orElse(0)));
            }
        }
        return ports;
    }
}
