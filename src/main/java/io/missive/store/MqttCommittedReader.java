package io.missive.store;

import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.PubSubStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads what other nodes stored for MQTT (messages, a persistent session), for this node's engine. */
@ApplicationScoped
public class MqttCommittedReader {

    @Resource(lookup = DataSourceName.JNDI)
    private DataSource dataSource;

    /** The messages of these ids, in that order, each retained or not as told; those purged meanwhile are left out. */
    List<PubSubMessage> messages(List<Long> ids, List<Boolean> retained) throws SQLException {
        Map<Long, PubSubMessage> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id, topic, payload, qos FROM mqtt_messages WHERE id = ANY (?)")) {
            select.setObject(1, ids.toArray(Long[]::new));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong(1), new PubSubMessage(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getInt(4),
                            false));
                }
            }
        }
        List<PubSubMessage> inOrder = new ArrayList<>(found.size());
        for (int i = 0; i < ids.size(); i++) {
            PubSubMessage m = found.get(ids.get(i));
            if (m != null) {
                inOrder.add(retained.get(i) ? new PubSubMessage(m.storedId(), m.topic(), m.payload(), m.qos(), true) : m);
            }
        }
        return inOrder;
    }

    /** A persistent session as stored now, with its subscriptions and QoS 2 receipts; empty when it is gone. */
    Optional<PubSubStore.StoredSession> session(String clientId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String username;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT username FROM mqtt_sessions WHERE client_id = ?")) {
                select.setString(1, clientId);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    username = rs.getString(1);
                }
            }
            PubSubStore.StoredSession session = new PubSubStore.StoredSession(clientId, username, new LinkedHashMap<>(),
                    new HashSet<>());
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT topic_filter, qos FROM mqtt_subscriptions WHERE client_id = ?")) {
                select.setString(1, clientId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        session.subscriptions().put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT packet_id FROM mqtt_qos2_received WHERE client_id = ?")) {
                select.setString(1, clientId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        session.receivedQos2().add(rs.getInt(1));
                    }
                }
            }
            return Optional.of(session);
        }
    }
}
