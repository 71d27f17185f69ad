package io.missive.bench.client;

/** Where a message goes: one user, or every member of a group. Each protocol maps it to its own address. */
public sealed interface Destination {

    record User(BenchAccount account) implements Destination {
    }

    /** A group: Missive's group id, and a name for protocols that address by name (an MQTT topic). */
    record Group(long id, String name) implements Destination {
    }
}
