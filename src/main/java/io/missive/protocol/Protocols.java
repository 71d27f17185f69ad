package io.missive.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every protocol Missive speaks; a new protocol is one more line here and its package. */
public final class Protocols {

    /** Seed 002's binary protocol: TCP with a 4-byte length before each frame, WebSocket at /ws and /wss. */
    public static final ProtocolSpec BINARY = new ProtocolSpec("binary", 19095, List.of("/ws", "/wss"),
            Optional.of(List.of()), false,
            ProtocolSpec.OWN_LIVENESS);
    /** Seed 001's text push protocol, over TCP only. */
    public static final ProtocolSpec TEXT = ProtocolSpec.tcpOnly("text", 8600);
    /** MQTT 3.1 and 3.1.1 with seed 003's IM, WebSocket at /mqtt. */
    public static final ProtocolSpec MQTT = new ProtocolSpec("mqtt", 1883, List.of("/mqtt"),
            Optional.of(List.of("mqtt", "mqttv3.1")), false, ProtocolSpec.OWN_LIVENESS);
    /** msgd's device protocol (seed 000): trpc framing, no credentials, so its listener binds 127.0.0.1 by default. */
    public static final ProtocolSpec MSGD = ProtocolSpec.tcpOnlyWithoutCredentials("msgd", 7897);

    /**
     * FishChat's message server (seed 004): a length and a JSON command per frame, ids without
     * credentials (so 127.0.0.1 by default). Its Android client never pings: a silence of half an hour
     * is allowed.
     */
    public static final ProtocolSpec FISHCHAT = ProtocolSpec.tcpOnlyWithoutCredentials("fishchat", 19000)
            .withIdleTimeout(Duration.ofMinutes(30));
    /** FishChat's gateway: answers one request with a message server's address and closes. */
    public static final ProtocolSpec FISHCHAT_GATEWAY = ProtocolSpec.tcpOnlyWithoutCredentials("fishchat-gateway",
            17000);

    /**
     * Seed 001's business put, {@code POST /put}, over HTTP/1.1 on a connector listener of its own (the seed's
     * put host listened on 8710): the container's {@code /put} at a fraction of its cost. Not among the default
     * listeners. A keep-alive connection silent for a minute is closed.
     */
    public static final ProtocolSpec PUT = ProtocolSpec.tcpOnly("put", 8710).withIdleTimeout(Duration.ofMinutes(1));

    public static final List<ProtocolSpec> ALL = List.of(BINARY, TEXT, MQTT, MSGD, FISHCHAT, FISHCHAT_GATEWAY, PUT);

    private static final Map<String, ProtocolSpec> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ProtocolSpec::name, Function.identity()));

    private Protocols() {
    }

    public static Optional<ProtocolSpec> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }


}
