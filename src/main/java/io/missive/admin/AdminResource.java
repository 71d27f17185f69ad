package io.missive.admin;

import io.missive.auth.AccountStatus;
import io.missive.cluster.NodeBoard;
import io.missive.cluster.NodeRequests;
import io.missive.config.ClusterSettings;
import io.missive.core.MessagingCore;
import io.missive.core.connection.ConnectionRegistry;
import io.missive.monitoring.MessageRates;
import io.missive.monitoring.PendingBacklog;
import io.missive.monitoring.TrafficMetrics;
import io.missive.repository.DatabaseProbe;
import io.missive.repository.DeviceRepository;
import io.missive.repository.DirectorySearch;
import io.missive.repository.PendingCounts;
import io.missive.repository.UserRepository;
import io.missive.rest.CommonResponses;
import io.missive.rest.InputRules;
import io.missive.rest.errors.ApiError;
import io.missive.rest.errors.ApiException;
import io.missive.rest.groups.GroupJson;
import io.missive.rest.messages.MessageResource;
import io.missive.rest.messages.PublishRequest;
import io.missive.rest.messages.PublishedJson;
import io.missive.rest.security.AdminRequired;
import io.missive.rest.security.ApiKeyFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API, {@code /api/admin}: an administrator's access token only. Server status, msgd's
 * client list and kick (every live connection of every protocol), msgd's inject (the back ends'
 * publish, the same request and code path, opened to administrators), pending-message counts, and
 * browsing users, groups and devices. Editing users and groups goes through the management
 * endpoints ({@code /api/users}, {@code /api/groups}), which accept an administrator's token.
 * Methods validate and hand over to the core, the store or {@code io.missive.monitoring}.
 */
@Path("admin")
@RequestScoped
@AdminRequired
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin", description = "Operators: status, connections, inject, pending messages, directories")
@SecurityRequirement(name = ApiKeyFilter.TOKEN_SCHEME)
@APIResponse(responseCode = "401", ref = CommonResponses.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = CommonResponses.FORBIDDEN)
public class AdminResource {

    private static final String DEVICE_ID = "deviceId";

    @Inject
    private MessagingCore core;

    @Inject
    private TrafficMetrics traffic;

    @Inject
    private PendingBacklog backlog;

    @Inject
    private DatabaseProbe database;

    @Inject
    private MessageResource messages;

    @Inject
    private PendingCounts pending;

    @Inject
    private DirectorySearch search;

    @Inject
    private UserRepository users;

    @Inject
    private DeviceRepository devices;

    @Inject
    private AccountStatus accounts;

    @Inject
    private NodeBoard board;

    @Inject
    private NodeRequests requests;

    @Inject
    private NodeConnections connections;

    @Inject
    private ClusterSettings clusterSettings;

    @GET
    @Path("status")
    @Operation(summary = "Server status", description = "Uptime, connections by protocol and by client type,"
            + " messages per second (over the last 5 s) and totals, the pending backlog, the database, the JVM,"
            + " and every node of the cluster with its load and addresses.")
    @APIResponse(responseCode = "200", description = "The status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StatusJson.class)))
    public StatusJson status() {
        ConnectionRegistry connections = core.connections();
        Map<String, Integer> byType = new LinkedHashMap<>();
        connections.countByClientType().forEach((type, n) -> byType.put(ConnectionJson.lower(type), n));
        MessageRates.Rates rates = traffic.rates();
        TrafficMetrics.Totals totals = traffic.totals();
        DatabaseProbe.Result db = database.probe();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Instant startedAt = traffic.startedAt();
        return new StatusJson(startedAt, Duration.between(startedAt, Instant.now()).toSeconds(),
                new StatusJson.Connections(connections.count(), connections.countByProtocol(), byType),
                new StatusJson.Rates(round(rates.in()), round(rates.out())),
                new StatusJson.Totals(totals.in(), totals.out(), totals.acknowledged(), totals.resent(), totals.expired()),
                backlog.backlog(), backlog.countedAt(),
                new StatusJson.Database(db.up(), db.latencyMillis(), db.error()),
                new StatusJson.Jvm(memory.getHeapMemoryUsage().getUsed(), memory.getHeapMemoryUsage().getMax(),
                        memory.getNonHeapMemoryUsage().getUsed(), ManagementFactory.getThreadMXBean().getThreadCount(),
                        Runtime.getRuntime().availableProcessors()),
                cluster());
    }

    private StatusJson.Cluster cluster() {
        List<StatusJson.Node> nodes = board.nodes().stream()
                .map(n -> new StatusJson.Node(n.nodeId(), n.ready(), n.connections(), round(n.messagesPerSecond()),
                        n.cpuLoad(), n.listeners()))
                .toList();
        return new StatusJson.Cluster(clusterSettings.enabled(), clusterSettings.nodeId(), nodes,
                (int) nodes.stream().filter(StatusJson.Node::ready).count(),
                nodes.stream().mapToInt(StatusJson.Node::connections).sum(),
                round(nodes.stream().mapToDouble(StatusJson.Node::messagesPerSecond).sum()));
    }

    private static double round(double perSecond) {
        return Math.round(perSecond * 100) / 100.0;
    }

    @GET
    @Path("connections")
    @Operation(summary = "List live connections", description = "Oldest first. q: a case-insensitive part of the"
            + " name, uid or remote address; protocol: exactly, e.g. binary-ws. limit at most 200. node: another"
            + " node of the cluster's connections (its id, as the status lists it); this node's without it.")
    @APIResponse(responseCode = "200", description = "A page of connections (items are AdminConnection)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageJson.class)))
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", description = "The node asked did not answer in time",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response connections(@QueryParam("offset") String offset, @QueryParam("limit") String limit,
                                @QueryParam("q") String q, @QueryParam("protocol") String protocol,
                                @QueryParam("node") String node) {
        if (isThisNode(node)) {
            return Response.ok(connections.page(offset, limit, q, protocol)).build();
        }
        Paging.of(offset, limit);   // a bad page is this node's 400, before asking anyone
        String page = requests.connections(otherNode(node), offset, limit, q, protocol)
                .orElseThrow(() -> notAnswering(node));
        return Response.ok(page, MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    @Path("connections/{id}")
    @Operation(summary = "Kick a connection", description = "The client gets its protocol's disconnect (binary:"
            + " DISCONNECT; text: an E_CLOSED error; WebSocket: close 1008; MQTT 3.1.1 has none: the socket closes)."
            + " Its pending messages stay pending. node: a connection of another node of the cluster.")
    @APIResponse(responseCode = "204", description = "Kicked")
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", description = "The node asked did not answer in time",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public Response kick(@PathParam("id") String id, @QueryParam("node") String node) {
        long connectionId = parse(id).orElseThrow(() -> ApiException.notFound("no live connection " + id));
        boolean kicked = isThisNode(node) ? connections.kick(connectionId)
                : requests.kick(otherNode(node), connectionId).orElseThrow(() -> notAnswering(node));
        if (!kicked) {
            throw ApiException.notFound("no live connection " + id + (isThisNode(node) ? "" : " on node " + node));
        }
        return Response.noContent().build();
    }

    private boolean isThisNode(String node) {
        return node == null || node.isEmpty() || node.equals(clusterSettings.nodeId());
    }

    /** A node on the board, else 404. */
    private String otherNode(String node) {
        if (board.nodes().stream().noneMatch(n -> n.nodeId().equals(node))) {
            throw ApiException.notFound("no node " + node + " in the cluster");
        }
        return node;
    }

    private static ApiException notAnswering(String node) {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, ApiError.UNAVAILABLE,
                "node " + node + " did not answer in time");
    }

    private static Optional<Long> parse(String id) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(id));
    }

    @POST
    @Path("inject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Inject a message", description = "The body of POST /api/messages: user, group (with"
            + " members) or channel; payload or payloadBase64; from (absent: the system user, uid 1); ttlSeconds"
            + " (absent or 0: the server's default); clientMsgId. Delivered when the recipient is online, now or later.")
    @APIResponse(responseCode = "200", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PublishedJson.class)))
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    @APIResponse(responseCode = "413", ref = CommonResponses.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "503", ref = CommonResponses.NOT_STORED)
    public void inject(@Valid @NotNull(message = "is required (a JSON object)") PublishRequest body,
                       @Suspended AsyncResponse async) {
        messages.publish(body, async);
    }

    @GET
    @Path("pending")
    @Operation(summary = "Users with pending messages", description = "The most pending first; total is the number"
            + " of users with any. Counted now, in SQL. limit at most 200.")
    @APIResponse(responseCode = "200", description = "A page (items are AdminUserPending)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageJson.class)))
    @APIResponse(responseCode = "400", ref = CommonResponses.BAD_REQUEST)
    public PageJson<DirectoryJson.UserPending> pending(@QueryParam("offset") String offset,
                                                    @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return PageJson.of(paging, pending.byUser(paging.offset(), paging.limit()),
                p -> new DirectoryJson.UserPending(p.uid(), p.username(), p.pending()));
    }

    @GET
    @Path("users")
    @Operation(summary = "Search users", description = "Users and admins (not the system user, not devices) whose"
            + " username contains q (ignoring case) or whose uid is q; in uid order; limit at most 200.")
    @APIResponse(responseCode = "200", description = "A page (items are AdminUser)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageJson.class)))
    public PageJson<DirectoryJson.User> users(@QueryParam("q") String q, @QueryParam("offset") String offset,
                                              @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return PageJson.of(paging, search.users(Paging.text(q), paging.offset(), paging.limit()),
                u -> DirectoryJson.User.of(u, core.sessions().isOnline(u.uid())));
    }

    @GET
    @Path("users/{uid}/pending")
    @Operation(summary = "A user's pending messages", description = "Stored, not yet delivered to the user, not expired")
    @APIResponse(responseCode = "200", description = "The count",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DirectoryJson.PendingCount.class)))
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public DirectoryJson.PendingCount pendingOf(
            @PathParam("uid") @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String uid) {
        long id = InputRules.id(uid, "uid");
        if (users.find(id).isEmpty()) {
            throw ApiException.notFound("no user " + id);
        }
        return new DirectoryJson.PendingCount(id, pending.of(id));
    }

    @GET
    @Path("groups")
    @Operation(summary = "Search groups", description = "Groups whose name contains q (ignoring case) or whose id is q,"
            + " with their member counts; in id order; limit at most 200.")
    @APIResponse(responseCode = "200", description = "A page (items are Group)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageJson.class)))
    public PageJson<GroupJson> groups(@QueryParam("q") String q, @QueryParam("offset") String offset,
                                      @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return PageJson.of(paging, search.groups(Paging.text(q), paging.offset(), paging.limit()),
                g -> new GroupJson(g.id(), g.name(), g.createdAt(), g.memberCount()));
    }

    @GET
    @Path("devices")
    @Operation(summary = "Search devices", description = "Devices whose serial number or name contains q (ignoring"
            + " case) or whose id is q; in id order; limit at most 200.")
    @APIResponse(responseCode = "200", description = "A page (items are AdminDevice)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PageJson.class)))
    public PageJson<DirectoryJson.Device> devices(@QueryParam("q") String q, @QueryParam("offset") String offset,
                                               @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return PageJson.of(paging, search.devices(Paging.text(q), paging.offset(), paging.limit()),
                d -> DirectoryJson.Device.of(d, core.sessions().isOnline(d.deviceId())));
    }

    @PUT
    @Path("devices/{deviceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename, disable or enable a device", description = "{\"deviceName\":\"...\"} renames it;"
            + " {\"disabled\":true} refuses its IDENTIFY from now on and closes its live connection (its messages"
            + " stay pending); {\"disabled\":false} lets it in again. Absent fields stay as they are.")
    @APIResponse(responseCode = "200", description = "The device after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DirectoryJson.Device.class)))
    @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)
    public DirectoryJson.Device updateDevice(
            @PathParam(DEVICE_ID) @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "4294967295")) String deviceId,
            @Valid @NotNull(message = "is required (a JSON object)") UpdateDeviceRequest body) {
        long id = InputRules.id(deviceId, DEVICE_ID);
        if (devices.find(id).isEmpty()) {
            throw ApiException.notFound("no device " + id);
        }
        if (body.deviceName != null) {
            devices.rename(id, body.deviceName);
        }
        if (body.disabled != null) {
            accounts.set(id, body.disabled);
        }
        return search.device(id)
                .map(d -> DirectoryJson.Device.of(d, core.sessions().isOnline(id)))
                .orElseThrow(() -> ApiException.notFound("no device " + id));
    }
}
