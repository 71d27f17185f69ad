package io.missive.cluster;

import io.missive.config.ClusterSettings;
import io.missive.core.MessagingCore;
import io.missive.monitoring.TrafficMetrics;
import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.missive.repository.CommitFeedProbe;
import io.missive.repository.DatabaseProbe;
import io.missive.tcp.TcpConnector;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This node as the board shows it: ready when PostgreSQL answers, the commit feed listens and every
 * listener is bound; its connections, CPU and message rate; and, by protocol, the address a client
 * of another node is sent to (the advertised host, else the listener's bind address, else this
 * machine's address when the listener binds every address).
 */
@ApplicationScoped
public class LocalNode {

    @Inject
    private ClusterSettings cluster;

    @Inject
    private MessagingCore core;

    @Inject
    private TrafficMetrics traffic;

    @Inject
    private DatabaseProbe database;

    @Inject
    private CommitFeedProbe feed;

    @Inject
    private TcpConnector tcp;

    /** Failed database probes in a row before a node of a cluster sheds its clients (one probe per board refresh). */
    private static final int PROBES_BEFORE_SHEDDING = 3;

    private volatile boolean databaseUp = true;
    private DatabaseWatch watch;

    public String nodeId() {
        return cluster.nodeId();
    }

    /** After a board refresh: sheds this node's clients once the database has not answered a few times in a row. */
    public synchronized void shedIfCutOff() {
        if (watch == null) {
            watch = new DatabaseWatch(core, PROBES_BEFORE_SHEDDING);
        }
        watch.probed(databaseUp);
    }

    /** Measures this node now; probes the database once. */
    public NodeStatus status() {
        boolean dbUp = database.probe().up();
        databaseUp = dbUp;
        boolean ready = dbUp && tcp.notListening().isEmpty() && feed.listening();
        Map<String, String> listeners = new LinkedHashMap<>();
        for (ProtocolSpec protocol : Protocols.ALL) {
            tcp.listening(protocol.name()).ifPresent(address -> listeners.put(protocol.name(), advertised(address)));
        }
        return new NodeStatus(cluster.nodeId(), ready, core.connections().count(), processCpu(), traffic.rates().in(),
                listeners, System.currentTimeMillis());
    }

    private String advertised(InetSocketAddress bound) {
        String host = cluster.advertisedHost().orElseGet(() -> {
            InetAddress address = bound.getAddress();
            if (!address.isAnyLocalAddress()) {
                return address.getHostAddress();
            }
            try {
                return InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                return "127.0.0.1";
            }
        });
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    /** Through JMX, not com.sun.management's interface: WildFly's modules do not show that package to a WAR. */
    private static double processCpu() {
        try {
            Object load = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuLoad");
            return load instanceof Double cpu && cpu >= 0 ? Math.round(cpu * 1000) / 1000.0 : -1;
        } catch (JMException | RuntimeException e) {
            return -1;
        }
    }
}
