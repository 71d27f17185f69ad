package io.missive.admin;

import io.missive.cluster.NodeRequests;
import io.missive.core.MessagingCore;
import io.missive.core.connection.LiveConnection;
import io.missive.core.session.CloseReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.util.List;

/**
 * This node's live connections as the admin API shows and kicks them, for its own administrators
 * and, through {@link NodeRequests}, for the administrators of every other node of the cluster.
 */
@ApplicationScoped
public class NodeConnections {

    @Inject
    private MessagingCore core;

    @Inject
    private NodeRequests requests;

    private final Jsonb json = JsonbBuilder.create();

    /** Answers the other nodes' requests from the start. */
    void serve(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        requests.serve(new NodeRequests.Handler() {
            @Override
            public String connections(String offset, String limit, String q, String protocol) {
                return json.toJson(page(offset, limit, q, protocol));
            }

            @Override
            public boolean kick(long connectionId) {
                return NodeConnections.this.kick(connectionId);
            }
        });
    }

    /** A page of this node's connections: oldest first, filtered by a part of name, uid or address, and by protocol. */
    PageJson<ConnectionJson> page(String offset, String limit, String q, String protocol) {
        Paging paging = Paging.of(offset, limit);
        List<LiveConnection> found = core.connections().search(Paging.text(q), Paging.text(protocol));
        return PageJson.of(found.size(), paging, found.stream().skip(paging.offset()).limit(paging.limit())
                .map(ConnectionJson::of).toList());
    }

    /** Kicks a connection of this node; false when there is none with that id. */
    boolean kick(long connectionId) {
        return core.connections().find(connectionId).map(connection -> {
            connection.close(CloseReason.KICKED);
            return true;
        }).orElse(false);
    }
}
