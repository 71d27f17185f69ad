package io.missive.mqtt;

import io.missive.core.pubsub.TopicFilter;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one client may publish and subscribe: a logged-in user where the topic rules allow, an
 * anonymous client where the anonymous topic rules allow; seed 003's topics never, but for
 * subscribing to the push topic, which a logged-in user gets without asking.
 *
 * @param username the user's name, null for an anonymous client
 */
record TopicAccess(MqttSettings settings, String username, long uid) {

    /** SUBACK's return code for a refused filter (3.9.3). */
    static final int REFUSED = 0x80;

    /** Whether a PUBLISH to {@code topic} is delivered (otherwise it is acknowledged and dropped, as Mosquitto does). */
    boolean mayPublish(String topic) {
        if (ImTopics.isImTopic(topic) || topic.startsWith("$")) {
            return false;
        }
        return rules().mayPublish(topic, username, uid);
    }

    private TopicRules rules() {
        return username == null ? settings.anonymousTopicRules() : settings.topicRules();
    }

    /**
     * A SUBSCRIBE's outcome (3.8, 3.9).
     *
     * @param filters       the filters asked, in order
     * @param codes         SUBACK's return codes, one per filter, in order
     * @param granted       the filters for the engine, with their granted QoS
     * @param invalidFilter a filter that is not valid (the connection closes), or null
     */
    record Grants(List<String> filters, List<Integer> codes, Map<String, Integer> granted, String invalidFilter) {

        /** The same outcome with {@code refused} (granted filters) refused as well: not granted, SUBACK 0x80. */
        Grants refusing(Set<String> refused) {
            if (refused.isEmpty()) {
                return this;
            }
            List<Integer> refusedCodes = new ArrayList<>(codes);
            for (int i = 0; i < filters.size(); i++) {
                if (refused.contains(filters.get(i))) {
                    refusedCodes.set(i, REFUSED);
                }
            }
            Map<String, Integer> stillGranted = new LinkedHashMap<>(granted);
            stillGranted.keySet().removeAll(refused);
            return new Grants(filters, refusedCodes, stillGranted, invalidFilter);
        }

        /** SUBACK's return codes when the store could not keep the granted filters: those are refused too. */
        List<Integer> codesIfNotStored() {
            List<Integer> refused = new ArrayList<>(codes);
            for (int i = 0; i < filters.size(); i++) {
                if (granted.containsKey(filters.get(i))) {
                    refused.set(i, REFUSED);
                }
            }
            return refused;
        }
    }

    /** Decides a SUBSCRIBE's filters. */
    Grants grant(List<MqttTopicSubscription> asked) {
        List<String> filters = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        Map<String, Integer> granted = new LinkedHashMap<>();
        for (MqttTopicSubscription s : asked) {
            String filter = s.topicName();
            if (!TopicFilter.isValidFilter(filter)) {
                return new Grants(List.of(), List.of(), Map.of(), filter);
            }
            filters.add(filter);
            int code = subscribeCode(filter, Math.min(s.qualityOfService().value(), 2));
            codes.add(code);
            if (code != REFUSED && !isPushTopic(filter)) {
                granted.put(filter, code);
            }
        }
        return new Grants(filters, codes, granted, null);
    }

    /** SUBACK's return code for a valid filter asked with {@code qos}: the granted QoS, or {@link #REFUSED}. */
    int subscribeCode(String filter, int qos) {
        if (isPushTopic(filter)) {
            // the push comes without a subscription (seed 003); subscribing is granted and adds nothing
            return username != null ? Math.min(qos, 1) : REFUSED;
        }
        if (ImTopics.isImTopic(filter) || !rules().maySubscribe(filter, username, uid)) {
            return REFUSED;
        }
        return qos;
    }

    /** Whether {@code filter} is the IM push topic, which the engine does not serve. */
    boolean isPushTopic(String filter) {
        return ImTopics.isPushTopic(filter, settings.pushTopic());
    }
}
