package io.missive.mqtt;

import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.pubsub.PubSubSession;
import io.missive.core.session.ClientSession;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Seed 003's IM on one logged-in MQTT connection, beside standard publish/subscribe: the user's
 * Missive messages go out as QoS 1 PUBLISH on the push topic, PUBLISH to {@code im://} (and the
 * proxy's {@code http://}) topics go to {@link ImRequests} and their answers come back on the same
 * topic. Both take packet ids from the client's {@link PubSubSession}, kept from the engine's own
 * until the client's PUBACK. Confined to the session's mailbox, as the connection is.
 */
final class ImPushBridge {

    /** Sends a PUBLISH to the client; {@code packetId} is ignored for QoS 0. */
    @FunctionalInterface
    interface Publisher {
        void publish(int packetId, String topic, byte[] payload, int qos);
    }

    private final ImRequests requests;
    private final String pushTopic;
    private final PubSubSession pubsub;
    private final BooleanSupplier open;
    private final Publisher publisher;
    private final Executor mailbox;
    /** Pushes in flight: packet id to message id; MQTT sends them once per connection, never on a timer. */
    private final Map<Integer, MessageId> imInFlight = new HashMap<>();
    private final Map<MessageId, Integer> imPacketIds = new HashMap<>();
    /** Packet ids of {@code im://} replies sent with QoS 1 and not yet acknowledged. */
    private final Set<Integer> replyPacketIds = new HashSet<>();

    /**
     * @param pubsub    the client's session, whose packet ids the bridge shares
     * @param open      whether the connection is open (logged in and not closing)
     * @param publisher how a PUBLISH goes to the client
     * @param mailbox   the connection's mailbox, where the requests' answers are sent from
     */
    ImPushBridge(ImRequests requests, String pushTopic, PubSubSession pubsub, BooleanSupplier open,
                 Publisher publisher, Executor mailbox) {
        this.requests = requests;
        this.pushTopic = pushTopic;
        this.pubsub = pubsub;
        this.open = open;
        this.publisher = publisher;
        this.mailbox = mailbox;
    }

    /** The core delivers one of the user's messages (uid {@code uid}): a QoS 1 PUBLISH on the push topic. */
    void push(Message message, long uid) {
        if (!open.getAsBoolean() || imPacketIds.containsKey(message.id())) {
            return;   // in flight already: MQTT sends again only on the next connection
        }
        int packetId = pubsub.reservePacketId();
        imInFlight.put(packetId, message.id());
        imPacketIds.put(message.id(), packetId);
        publisher.publish(packetId, pushTopic, ImPushRecord.json(message, uid), 1);
    }

    /**
     * A request PUBLISH: answered on the same topic with the request's QoS, at most 1, after
     * {@code answered} has run (the request's acknowledgement, which so comes after its durable step).
     *
     * @param session the user's core session; null for an anonymous client, who gets an Error
     */
    void request(String topic, byte[] payload, int qos, String username, long uid, ClientSession session,
                 Runnable answered) {
        requests.handle(topic, payload, username, uid, session, reply -> mailbox.execute(() -> {
            answered.run();
            reply(topic, reply, Math.min(qos, 1));
        }));
    }

    private void reply(String topic, byte[] payload, int qos) {
        if (!open.getAsBoolean()) {
            return;
        }
        if (qos == 0) {
            publisher.publish(0, topic, payload, 0);
        } else {
            // a reply is not sent again on the next connection: the client asks again if it misses one
            int packetId = pubsub.reservePacketId();
            replyPacketIds.add(packetId);
            publisher.publish(packetId, topic, payload, qos);
        }
    }

    /**
     * The client's PUBACK: answers whether it was for a push or a reply, and if a push, acknowledges
     * it to the core through {@code session}. Otherwise it is the engine's.
     */
    boolean acknowledged(int packetId, ClientSession session) {
        MessageId imMessage = imInFlight.remove(packetId);
        if (imMessage != null) {
            imPacketIds.remove(imMessage);
            pubsub.releasePacketId(packetId);
            session.acknowledge(imMessage);
            return true;
        }
        if (replyPacketIds.remove(packetId)) {
            pubsub.releasePacketId(packetId);
            return true;
        }
        return false;
    }
}
