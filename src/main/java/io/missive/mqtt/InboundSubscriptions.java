package io.missive.mqtt;

import io.missive.core.MessagingCore;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubSession;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;

import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A connected client's SUBSCRIBE and UNSUBSCRIBE packets (MQTT 3.1.1, 3.8 and 3.10): each is answered
 * once the change is durable. Confined to the session's mailbox, as the connection is.
 */
final class InboundSubscriptions {

    private static final Logger LOG = Logger.getLogger(InboundSubscriptions.class.getName());

    private final MessagingCore core;
    private final PubSubEngine engine;
    private final PubSubSession pubsub;
    private final TopicAccess access;
    private final Consumer<MqttMessage> send;
    /** Closes the connection for a reason: the client sends the packet again when it reconnects. */
    private final Consumer<String> fail;
    /** The client as the log names it (client id, peer). */
    private final Supplier<String> client;

    InboundSubscriptions(MessagingCore core, PubSubEngine engine, PubSubSession pubsub, TopicAccess access,
                         Consumer<MqttMessage> send, Consumer<String> fail, Supplier<String> client) {
        this.core = core;
        this.engine = engine;
        this.pubsub = pubsub;
        this.access = access;
        this.send = send;
        this.fail = fail;
        this.client = client;
    }

    /**
     * SUBACK once the subscriptions are durable; those past {@code max-subscriptions} and those the store
     * could not keep are refused (0x80).
     */
    void subscribe(MqttSubscribeMessage subscribe) {
        int packetId = subscribe.variableHeader().messageId();
        TopicAccess.Grants asked = access.grant(subscribe.payload().topicSubscriptions());
        if (asked.invalidFilter() != null) {
            fail.accept("SUBSCRIBE with an invalid topic filter '" + asked.invalidFilter() + "'");
            return;
        }
        Set<String> pastLimit = engine.pastSubscriptionLimit(pubsub, asked.granted().keySet());
        if (!pastLimit.isEmpty()) {
            core.peerCausedLog("MSV1018", LOG, Level.INFO).log(() -> "MSV1018 MQTT client " + client.get()
                    + " was refused " + pastLimit.size() + " subscriptions past its limit (missive.mqtt.max-subscriptions)");
        }
        TopicAccess.Grants grants = asked.refusing(pastLimit);
        engine.subscribe(pubsub, grants.granted(), committed -> pubsub.mailbox().execute(() -> {
            send.accept(MqttPackets.subAck(packetId, committed ? grants.codes() : grants.codesIfNotStored()));
            if (committed) {
                grants.granted().forEach((filter, qos) -> engine.sendRetained(pubsub, filter, qos));
            }
        }));
    }

    /** UNSUBACK once the change is durable; MQTT 3.1.1 has no code to refuse an UNSUBSCRIBE, so a failure closes. */
    void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        int packetId = unsubscribe.variableHeader().messageId();
        engine.unsubscribe(pubsub, unsubscribe.payload().topics(), committed -> pubsub.mailbox().execute(() -> {
            if (committed) {
                send.accept(MqttPackets.unsubAck(packetId));
            } else {
                fail.accept("the unsubscribe " + packetId + " could not be stored");
            }
        }));
    }
}
