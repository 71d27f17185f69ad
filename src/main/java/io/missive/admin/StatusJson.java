package io.missive.admin;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/admin/status}: the node at a glance. */
@Schema(name = "AdminStatus")
@JsonbPropertyOrder({"startedAt", "uptimeSeconds", "connections", "messagesPerSecond", "totals", "pendingBacklog",
        "pendingBacklogCountedAt", "databasePool", "jvm", "cluster"})
public record StatusJson(
        @Schema(type = SchemaType.STRING, format = "date-time") Instant startedAt,
        long uptimeSeconds,
        Connections connections,
        Rates messagesPerSecond,
        Totals totals,
        @Schema(description = "Messages stored and not yet delivered, as last counted") long pendingBacklog,
        @Schema(type = SchemaType.STRING, format = "date-time", description = "null before the first count")
        Instant pendingBacklogCountedAt,
        Database databasePool,
        Jvm jvm,
        Cluster cluster) {

    /** Every node of the cluster (this one alone when clustering is off), and their sums. */
    @Schema(name = "AdminStatusCluster")
    @JsonbPropertyOrder({"enabled", "thisNode", "nodes", "readyNodes", "connections", "messagesPerSecond"})
    public record Cluster(boolean enabled, String thisNode, List<Node> nodes, int readyNodes, int connections,
                          double messagesPerSecond) {
    }

    @Schema(name = "AdminStatusNode")
    @JsonbPropertyOrder({"id", "ready", "connections", "messagesPerSecond", "cpuLoad", "listeners"})
    public record Node(String id, boolean ready, int connections, double messagesPerSecond,
                       @Schema(description = "the node's process CPU, 0 to 1 of its machine; -1 if unknown") double cpuLoad,
                       @Schema(description = "host:port by protocol, as clients of other nodes are sent there")
                       Map<String, String> listeners) {
    }

    /** Live connections: all, per protocol-transport, per msgd client type. */
    @Schema(name = "AdminStatusConnections")
    @JsonbPropertyOrder({"total", "byProtocol", "byClientType"})
    public record Connections(int total, Map<String, Integer> byProtocol, Map<String, Integer> byClientType) {
    }

    /** Over the last few seconds. */
    @Schema(name = "AdminStatusRates")
    @JsonbPropertyOrder({"in", "out"})
    public record Rates(double in, double out) {
    }

    /** Since the node started. */
    @Schema(name = "AdminStatusTotals")
    @JsonbPropertyOrder({"in", "out", "acknowledged", "resent", "expired"})
    public record Totals(long in, long out, long acknowledged, long resent, long expired) {
    }

    /** The database as seen through the application's pool: one SELECT 1 and how long it took. */
    @Schema(name = "AdminStatusDatabase")
    @JsonbPropertyOrder({"up", "pingMillis", "error"})
    public record Database(boolean up, double pingMillis, String error) {
    }

    @Schema(name = "AdminStatusJvm")
    @JsonbPropertyOrder({"heapUsedBytes", "heapMaxBytes", "nonHeapUsedBytes", "threads", "availableProcessors"})
    public record Jvm(long heapUsedBytes, long heapMaxBytes, long nonHeapUsedBytes, int threads,
                      int availableProcessors) {
    }
}
