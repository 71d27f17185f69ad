package io.missive.store;

import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.PubSubStore;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** One write queued for the MQTT store's writer; see {@link JdbcPubSubStore}. */
public sealed interface PubSubWrite {

    /** A write someone waits for, to acknowledge it to a client: told whether it was committed. */
    sealed interface Awaited extends PubSubWrite {
        Consumer<Boolean> committed();
    }

    record OpenSession(String clientId, String username, Consumer<Boolean> committed) implements Awaited {
    }

    record DropSession(String clientId, Consumer<Boolean> committed) implements Awaited {
    }

    record Subscribe(String clientId, Map<String, Integer> filters, Consumer<Boolean> committed) implements Awaited {
    }

    record Unsubscribe(String clientId, List<String> filters, Consumer<Boolean> committed) implements Awaited {
    }

    /** {@code receipt}: null, or the QoS 2 receipt stored in the same commit. */
    record Append(PubSubMessage message, List<PubSubStore.Recipient> recipients, PubSubStore.Qos2Receipt receipt,
                  Consumer<PubSubMessage> committed) implements PubSubWrite {
    }

    record Release(PubSubStore.Qos2Receipt receipt, Consumer<Boolean> committed) implements Awaited {
    }

    record Sent(String clientId, long storedId, int packetId) implements PubSubWrite {
    }

    record Released(String clientId, long storedId) implements PubSubWrite {
    }

    record Delivered(String clientId, long storedId) implements PubSubWrite {
    }
}
