package io.missive.store;

import io.missive.core.pubsub.PubSubStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writes of a persistent MQTT session's delivery rows (sql/V5__mqtt.sql, {@code mqtt_deliveries}),
 * each run of them as one statement over arrays ({@code unnest}) instead of one execution per row:
 * a QoS 1 message to a persistent session is a row inserted, marked sent and deleted, and PostgreSQL
 * spent most of its time per message on the executions, not on the rows.
 */
final class DeliveryWrites {

    private DeliveryWrites() {
    }

    /** A delivery row's key. */
    private record Key(String clientId, long storedId) {
    }

    /**
     * The batch without the {@code Sent} and {@code Released} marks of deliveries the same batch deletes
     * (the client acknowledged within one commit's time): the row is gone at the commit either way.
     */
    static List<PubSubWrite> withoutSuperseded(List<PubSubWrite> batch) {
        Set<Key> delivered = null;
        for (PubSubWrite w : batch) {
            if (w instanceof PubSubWrite.Delivered d) {
                if (delivered == null) {
                    delivered = new HashSet<>();
                }
                delivered.add(new Key(d.clientId(), d.storedId()));
            }
        }
        if (delivered == null) {
            return batch;
        }
        List<PubSubWrite> kept = new ArrayList<>(batch.size());
        for (PubSubWrite w : batch) {
            if (w instanceof PubSubWrite.Sent s && delivered.contains(new Key(s.clientId(), s.storedId()))) {
                continue;
            }
            if (w instanceof PubSubWrite.Released r && delivered.contains(new Key(r.clientId(), r.storedId()))) {
                continue;
            }
            kept.add(w);
        }
        return kept;
    }

    /**
     * Executes a run of one kind of write if it is a delivery mark ({@code Sent}, {@code Released},
     * {@code Delivered}); answers false, doing nothing, for any other kind.
     */
    static boolean execute(Connection connection, List<PubSubWrite> run) throws SQLException {
        PubSubWrite first = run.get(0);
        if (first instanceof PubSubWrite.Sent) {
            // the last packet id of a delivery wins, as it would one UPDATE after the other
            Map<Key, Integer> packetIds = new LinkedHashMap<>();
            for (PubSubWrite w : run) {
                PubSubWrite.Sent s = (PubSubWrite.Sent) w;
                packetIds.put(new Key(s.clientId(), s.storedId()), s.packetId());
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE mqtt_deliveries d SET packet_id = v.packet_id
                    FROM unnest(?::text[], ?::bigint[], ?::int[]) AS v(client_id, message_id, packet_id)
                    WHERE d.client_id = v.client_id AND d.message_id = v.message_id""")) {
                setKeys(update, packetIds.keySet());
                update.setObject(3, packetIds.values().toArray(Integer[]::new));
                update.executeUpdate();
            }
            return true;
        }
        if (first instanceof PubSubWrite.Released || first instanceof PubSubWrite.Delivered) {
            Set<Key> keys = new LinkedHashSet<>();
            for (PubSubWrite w : run) {
                keys.add(w instanceof PubSubWrite.Released r ? new Key(r.clientId(), r.storedId())
                        : new Key(((PubSubWrite.Delivered) w).clientId(), ((PubSubWrite.Delivered) w).storedId()));
            }
            try (PreparedStatement statement = connection.prepareStatement(first instanceof PubSubWrite.Released
                    ? """
                    UPDATE mqtt_deliveries d SET released = TRUE
                    FROM unnest(?::text[], ?::bigint[]) AS v(client_id, message_id)
                    WHERE d.client_id = v.client_id AND d.message_id = v.message_id"""
                    : """
                    DELETE FROM mqtt_deliveries d USING unnest(?::text[], ?::bigint[]) AS v(client_id, message_id)
                    WHERE d.client_id = v.client_id AND d.message_id = v.message_id""")) {
                setKeys(statement, keys);
                statement.executeUpdate();
            }
            return true;
        }
        return false;
    }

    /**
     * Inserts the delivery rows of messages just stored, for the sessions that still exist (a session
     * dropped meanwhile gets none), with one statement.
     *
     * @param recipients per stored message (in the order of {@code ids}), its persistent recipients
     */
    static void insert(Connection connection, List<Long> ids, List<List<PubSubStore.Recipient>> recipients)
            throws SQLException {
        List<String> clients = new ArrayList<>();
        List<Long> messages = new ArrayList<>();
        List<Integer> qos = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            for (PubSubStore.Recipient r : recipients.get(i)) {
                clients.add(r.clientId());
                messages.add(ids.get(i));
                qos.add(r.qos());
            }
        }
        if (clients.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO mqtt_deliveries (client_id, message_id, qos)
                SELECT v.client_id, v.message_id, v.qos
                FROM unnest(?::text[], ?::bigint[], ?::int[]) AS v(client_id, message_id, qos)
                WHERE EXISTS (SELECT 1 FROM mqtt_sessions s WHERE s.client_id = v.client_id)
                ON CONFLICT DO NOTHING""")) {
            insert.setObject(1, clients.toArray(String[]::new));
            insert.setObject(2, messages.toArray(Long[]::new));
            insert.setObject(3, qos.toArray(Integer[]::new));
            insert.executeUpdate();
        }
    }

    private static void setKeys(PreparedStatement statement, Set<Key> keys) throws SQLException {
        statement.setObject(1, keys.stream().map(Key::clientId).toArray(String[]::new));
        statement.setObject(2, keys.stream().map(Key::storedId).toArray(Long[]::new));
    }
}
