package io.missive.protocol;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a transport needs to know of a protocol, written once: the TCP connector reads the name and
 * the port, the container's WebSocket endpoints the paths, both the sub-protocols.
 *
 * @param name                  the name listeners use ({@code missive.tcp.<listener>.protocol}), lower case
 * @param defaultPort           the port of the TCP listener named after the protocol when none is configured
 * @param webSocketPaths        the container's WebSocket endpoints carrying the protocol (e.g. {@code /ws}); empty for none
 * @param webSocketSubprotocols the WebSocket sub-protocols it answers to, empty for none; an empty Optional
 *                              when it cannot be carried over WebSocket at all
 * @param loopbackByDefault     whether its listeners bind 127.0.0.1 unless configured otherwise: a protocol
 *                              without credentials, offered to the network only on purpose
 * @param idleTimeout           how long its listeners let a connection send nothing, unless configured; zero
 *                              (none) for a protocol whose own rule watches liveness, which knows the silence
 *                              each client negotiated (a text device's heartbeat may be an hour)
 */
public record ProtocolSpec(String name, int defaultPort, List<String> webSocketPaths,
                           Optional<List<String>> webSocketSubprotocols, boolean loopbackByDefault,
                           Duration idleTimeout) {

    /**
     * No idle timeout on the listener: the protocol's own liveness rule (binary pings, the text
     * heartbeat, MQTT's keep-alive, msgd's liveness) closes silent clients, after their login deadline.
     */
    public static final Duration OWN_LIVENESS = Duration.ZERO;

    /** A protocol spoken over TCP only, its listeners open to the network unless configured otherwise. */
    public static ProtocolSpec tcpOnly(String name, int defaultPort) {
        return new ProtocolSpec(name, defaultPort, List.of(), Optional.empty(), false, OWN_LIVENESS);
    }

    /** A protocol spoken over TCP only whose clients have no credentials: its listeners bind 127.0.0.1 by default. */
    public static ProtocolSpec tcpOnlyWithoutCredentials(String name, int defaultPort) {
        return new ProtocolSpec(name, defaultPort, List.of(), Optional.empty(), true, OWN_LIVENESS);
    }

    /** This protocol with another default idle timeout for its listeners. */
    public ProtocolSpec withIdleTimeout(Duration timeout) {
        return new ProtocolSpec(name, defaultPort, webSocketPaths, webSocketSubprotocols, loopbackByDefault, timeout);
    }

    public boolean overWebSocket() {
        return webSocketSubprotocols.isPresent();
    }
}
