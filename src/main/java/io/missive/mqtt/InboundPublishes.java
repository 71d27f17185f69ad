package io.missive.mqtt;

import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.PubSubSession;
import io.missive.core.pubsub.PubSubStore;
import io.missive.core.pubsub.PublishOutcome;
import io.missive.core.session.ClientSession;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A logged-in client's PUBLISH packets (MQTT 3.1.1, 3.3 and 4.3), standard or seed 003's requests:
 * each is acknowledged only after the durable step it stands for (the commit of the message, or
 * the request's answer), and a QoS 2 publish sent again runs once: a resend while the first is
 * being stored waits for that commit's PUBREC, a resend after it gets PUBREC again. Confined to
 * the session's mailbox, as the connection is.
 */
final class InboundPublishes {

    private static final Logger LOG = Logger.getLogger(InboundPublishes.class.getName());

    /** PUBACK for QoS 1, PUBREC for QoS 2, nothing for QoS 0 (or on a closed connection). */
    @FunctionalInterface
    interface Acknowledgement {
        void send(int packetId, int qos);
    }

    private final PubSubEngine engine;
    private final PubSubSession pubsub;
    private final TopicAccess access;
    private final ImPushBridge im;
    private final Acknowledgement acknowledgement;
    /** Closes the connection unacknowledged, for a reason: the client sends the publish again when it reconnects. */
    private final Consumer<String> fail;
    /**
     * Counts a publish in the connection's inbound backlog until the returned answer runs, so that a client
     * cannot queue unbounded work behind the store's writer: past the backlog its transport stops reading.
     */
    private final Supplier<Runnable> holdUntilDone;

    InboundPublishes(PubSubEngine engine, PubSubSession pubsub, TopicAccess access, ImPushBridge im,
                     Acknowledgement acknowledgement, Consumer<String> fail, Supplier<Runnable> holdUntilDone) {
        this.engine = engine;
        this.pubsub = pubsub;
        this.access = access;
        this.im = im;
        this.acknowledgement = acknowledgement;
        this.fail = fail;
        this.holdUntilDone = holdUntilDone;
    }

    /**
     * One PUBLISH with a valid topic name.
     *
     * @param session the user's core session; null for an anonymous client
     */
    void receive(String topic, byte[] payload, int qos, boolean retain, int packetId, ClientSession session) {
        if (qos == 2) {
            switch (pubsub.inboundQos2(packetId)) {
                case STORED -> {
                    acknowledgement.send(packetId, qos);   // received already: PUBREC again, not run again
                    return;
                }
                case STORING -> {
                    // the PUBREC follows the commit under way, here: the client may have reconnected meanwhile
                    pubsub.storingQos2(packetId, () -> acknowledgement.send(packetId, qos));
                    return;
                }
                case NEW -> { }
            }
        }
        if (ImTopics.isRequest(topic)) {
            request(topic, payload, qos, packetId, session);
            return;
        }
        if (!access.mayPublish(topic)) {
            // as Mosquitto: a publish the client may not make is acknowledged and dropped
            LOG.fine(() -> "MQTT client " + pubsub.clientId() + " may not publish to " + topic);
            acknowledgement.send(packetId, qos);
            return;
        }
        store(new PubSubMessage(0, topic, payload, qos, retain), packetId);
    }

    /** A request is acknowledged with its answer: a send request's message is stored by then. */
    private void request(String topic, byte[] payload, int qos, int packetId, ClientSession session) {
        Runnable acknowledge = () -> acknowledgement.send(packetId, qos);
        if (qos == 2) {
            pubsub.storingQos2(packetId, acknowledge);
        }
        Runnable done = holdUntilDone.get();
        Runnable answered = qos == 2 ? () -> pubsub.storedQos2(packetId).run() : acknowledge;
        im.request(topic, payload, qos, access.username(), access.uid(), session, () -> {
            done.run();
            answered.run();
        });
    }

    private void store(PubSubMessage message, int packetId) {
        int qos = message.qos();
        PubSubStore.Qos2Receipt receipt = null;
        if (qos == 2) {
            pubsub.storingQos2(packetId, () -> acknowledgement.send(packetId, qos));
            receipt = pubsub.qos2Receipt(packetId);
        }
        Runnable done = holdUntilDone.get();
        try {
            engine.publish(message, receipt, pubsub.mailbox(), new PublishOutcome() {
                @Override
                public void accepted() {
                    done.run();
                    if (qos == 2) {
                        pubsub.storedQos2(packetId).run();
                    } else {
                        acknowledgement.send(packetId, qos);
                    }
                }

                @Override
                public boolean acceptedMayBlock() {
                    return false;   // PUBACK or PUBREC
                }

                @Override
                public void failed(String reason) {
                    done.run();
                    pubsub.forgetQos2(packetId);
                    fail.accept("a publish to " + message.topic() + " could not be stored: " + reason);
                }
            });
        } catch (RuntimeException e) {
            done.run();
            pubsub.forgetQos2(packetId);   // else a resend on the next connection would wait for a commit that never comes
            throw e;
        }
    }
}
