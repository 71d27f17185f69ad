package io.missive.tcp;

import io.missive.protocol.ProtocolSpec;
import io.missive.runtime.DurationConverter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One TCP listener, read from MicroProfile Config under {@code missive.tcp.<name>.}. The listeners
 * are the names in {@value #LISTENERS} (default {@value #DEFAULT_LISTENERS}). For a listener
 * {@code <name>}:
 * <ul>
 *   <li>{@code protocol}: default the name itself when it names a protocol ({@code fishchat-gateway}),
 *       else the name up to its first {@code -} ({@code binary-trusted} speaks {@code binary});</li>
 *   <li>{@code port}: default the protocol's port for the listener named exactly after its
 *       protocol (binary 19095); required for any other name; 0 takes any free port;</li>
 *   <li>{@code trusted}: default false; {@code bind}: default 0.0.0.0, or 127.0.0.1 for a trusted
 *       listener and for a protocol without credentials (msgd), so that neither is offered to the
 *       network unless asked for;</li>
 *   <li>{@code tls}: default false; with it {@code tls.keystore} (required),
 *       {@code tls.keystore-password}, {@code tls.keystore-type} (PKCS12);</li>
 *   <li>{@code max-connections}, {@code max-frame-bytes}, {@code idle-timeout} (0 for none; default the
 *       protocol's: none where the protocol watches liveness itself, 30 minutes for FishChat's message
 *       server, 5 minutes on a trusted listener), {@code outbound-limit-bytes}, {@code close-grace} (2 s: see
 *       {@code HalfClose}), {@code max-accept-rate} (new connections per second, 200; 0 for no limit, the
 *       default on a trusted listener);</li>
 *   <li>{@code websocket-path}: absent for raw TCP; a path such as {@code /ws} makes the
 *       listener's connections WebSocket connections upgraded there (binary and mqtt only).</li>
 * </ul>
 * A wrong value stops the deployment with a message naming the setting.
 *
 * @param bindAddress        the local address to listen on, as configured (an IP literal or a host name)
 * @param tls                the TLS settings, or null for plain TCP
 * @param trusted            whether the peers are trusted servers (the protocol decides what that allows)
 * @param maxConnections     connections open at once; one more is closed at once
 * @param maxFrameBytes      largest inbound frame; a larger one closes its connection
 * @param idleTimeout        a connection that sends nothing for this long is closed; zero for never
 * @param outboundLimitBytes bytes queued for one connection and not yet written before it is cut off as too slow
 * @param webSocketPath      null for raw TCP; else the connections are WebSocket connections upgraded at this
 *                           path, one binary WebSocket message per protocol frame (or bytes of the MQTT stream)
 * @param closeGrace         after the server's last answer on a connection it closes, and a half-close, how long
 *                           the peer has to close its side (what it still sends is read and dropped) before the
 *                           connection is closed anyway
 * @param maxAcceptRate      new connections accepted per second (a second's worth at once); past it the listener
 *                           stops accepting until it may again, so a flood waits in the kernel; 0 for no limit
 */
public record TcpListenerSettings(String name, String protocol, String bindAddress, int port, TlsSettings tls,
                                  boolean trusted, int maxConnections, int maxFrameBytes, Duration idleTimeout,
                                  long outboundLimitBytes, String webSocketPath, Duration closeGrace,
                                  int maxAcceptRate) {

    public static final String PREFIX = "missive.tcp.";
    public static final String LISTENERS = PREFIX + "listeners";
    public static final String DEFAULT_LISTENERS = "binary,text,mqtt,msgd,fishchat-gateway,fishchat";
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_FRAME_BYTES = 524_288;
    public static final long DEFAULT_OUTBOUND_LIMIT_BYTES = 4_194_304;
    /** A trusted peer need not log in, so no protocol rule watches it: the listener closes it after this silence. */
    public static final Duration TRUSTED_IDLE_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(2);
    public static final int DEFAULT_MAX_ACCEPT_RATE = 200;

    /** A listener with the default close grace. */
    public TcpListenerSettings(String name, String protocol, String bindAddress, int port, TlsSettings tls,
                               boolean trusted, int maxConnections, int maxFrameBytes, Duration idleTimeout,
                               long outboundLimitBytes, String webSocketPath) {
        this(name, protocol, bindAddress, port, tls, trusted, maxConnections, maxFrameBytes, idleTimeout,
                outboundLimitBytes, webSocketPath, DEFAULT_CLOSE_GRACE);
    }

    /** A listener without an accept rate limit. */
    public TcpListenerSettings(String name, String protocol, String bindAddress, int port, TlsSettings tls,
                               boolean trusted, int maxConnections, int maxFrameBytes, Duration idleTimeout,
                               long outboundLimitBytes, String webSocketPath, Duration closeGrace) {
        this(name, protocol, bindAddress, port, tls, trusted, maxConnections, maxFrameBytes, idleTimeout,
                outboundLimitBytes, webSocketPath, closeGrace, 0);
    }

    /**
     * Where a TLS listener finds its certificate and key.
     *
     * @param keystore the keystore file
     * @param type     the keystore type, PKCS12 unless configured
     */
    public record TlsSettings(Path keystore, String password, String type) {
        @Override
        public String toString() {
            return "TlsSettings[keystore=" + keystore + ", type=" + type + "]";
        }
    }

    /** The transport's name in logs and session listings: "tcp", "tls", "ws" or "wss". */
    public String transport() {
        if (webSocketPath != null) {
            return tls != null ? "wss" : "ws";
        }
        return tls != null ? "tls" : "tcp";
    }

    /** The setting {@code missive.tcp.<name>.<key>}, for messages. */
    public String setting(String key) {
        return setting(name, key);
    }

    private static String setting(String listener, String key) {
        return PREFIX + listener + "." + key;
    }

    /**
     * Reads every configured listener.
     *
     * @param lookup       a setting's raw value, empty when unset
     * @param protocols the known protocols by name
     */
    public static List<TcpListenerSettings> readAll(Function<String, Optional<String>> lookup,
                                                    Map<String, ProtocolSpec> protocols) {
        List<TcpListenerSettings> listeners = new ArrayList<>();
        Map<Integer, String> ports = new HashMap<>();
        for (String name : names(lookup)) {
            TcpListenerSettings listener = read(name, lookup, protocols);
            String other = listener.port() == 0 ? null : ports.putIfAbsent(listener.port(), name);
            if (other != null) {
                throw new IllegalArgumentException(listener.setting("port") + ": port " + listener.port()
                        + " is the port of listener '" + other + "' too");
            }
            listeners.add(listener);
        }
        return listeners;
    }

    /** The names of the configured listeners, in configuration order. */
    public static List<String> names(Function<String, Optional<String>> lookup) {
        String names = value(lookup, LISTENERS).orElse(DEFAULT_LISTENERS);
        Set<String> unique = new LinkedHashSet<>();
        for (String raw : names.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException(LISTENERS + ": '" + name + "' is not a listener name"
                        + " (lower-case letters, digits and '-')");
            }
            if (!unique.add(name)) {
                throw new IllegalArgumentException(LISTENERS + " names '" + name + "' twice");
            }
        }
        return List.copyOf(unique);
    }

    /** Reads the listener {@code name}; see the class comment for the settings and their defaults. */
    public static TcpListenerSettings read(String name, Function<String, Optional<String>> lookup,
                                           Map<String, ProtocolSpec> protocols) {
        Function<String, Optional<String>> own = key -> value(lookup, setting(name, key));
        int dash = name.indexOf('-');
        String protocol = own.apply("protocol").map(p -> p.toLowerCase(Locale.ROOT))
                .orElse(dash < 0 || protocols.containsKey(name) ? name : name.substring(0, dash));
        ProtocolSpec spec = protocols.get(protocol);
        if (spec == null) {
            throw new IllegalArgumentException(setting(name, "protocol") + ": no protocol '" + protocol
                    + "' (known: " + String.join(", ", protocols.keySet().stream().sorted().toList()) + ")");
        }
        Optional<String> portValue = own.apply("port");
        if (portValue.isEmpty() && !name.equals(protocol)) {
            throw new IllegalArgumentException(setting(name, "port") + " is required: only the listener named '"
                    + protocol + "' has a default port");
        }
        int port = portValue.map(v -> integer(setting(name, "port"), v, 0, 65_535)).orElse(spec.defaultPort());
        boolean trusted = own.apply("trusted").map(v -> bool(setting(name, "trusted"), v)).orElse(false);
        String bind = own.apply("bind").orElse(trusted || spec.loopbackByDefault() ? "127.0.0.1" : "0.0.0.0");
        checkAddress(setting(name, "bind"), bind);
        TlsSettings tls = null;
        if (own.apply("tls").map(v -> bool(setting(name, "tls"), v)).orElse(false)) {
            String keystore = own.apply("tls.keystore").orElseThrow(() -> new IllegalArgumentException(
                    setting(name, "tls.keystore") + " is required when " + setting(name, "tls") + " is true"));
            Path file = Path.of(keystore);
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(setting(name, "tls.keystore") + ": cannot read '" + keystore + "'");
            }
            tls = new TlsSettings(file, own.apply("tls.keystore-password").orElse(""),
                    own.apply("tls.keystore-type").orElse("PKCS12"));
        }
        int maxConnections = own.apply("max-connections")
                .map(v -> integer(setting(name, "max-connections"), v, 1, Integer.MAX_VALUE))
                .orElse(DEFAULT_MAX_CONNECTIONS);
        int maxFrameBytes = own.apply("max-frame-bytes")
                .map(v -> integer(setting(name, "max-frame-bytes"), v, 1, Integer.MAX_VALUE))
                .orElse(DEFAULT_MAX_FRAME_BYTES);
        Duration idleTimeout = own.apply("idle-timeout").map(v -> duration(setting(name, "idle-timeout"), v))
                .orElse(trusted ? TRUSTED_IDLE_TIMEOUT : spec.idleTimeout());
        long outboundLimitBytes = own.apply("outbound-limit-bytes")
                .map(v -> integer(setting(name, "outbound-limit-bytes"), v, 1, Long.MAX_VALUE))
                .orElse(DEFAULT_OUTBOUND_LIMIT_BYTES);
        String webSocketPath = own.apply("websocket-path").orElse(null);
        if (webSocketPath != null && !webSocketPath.matches("/[A-Za-z0-9._~/-]*")) {
            throw new IllegalArgumentException(setting(name, "websocket-path") + ": '" + webSocketPath
                    + "' is not a path such as /ws");
        }
        Duration closeGrace = own.apply("close-grace").map(v -> duration(setting(name, "close-grace"), v))
                .orElse(DEFAULT_CLOSE_GRACE);
        int maxAcceptRate = own.apply("max-accept-rate")
                .map(v -> integer(setting(name, "max-accept-rate"), v, 0, Integer.MAX_VALUE))
                .orElse(trusted ? 0 : DEFAULT_MAX_ACCEPT_RATE);
        return new TcpListenerSettings(name, protocol, bind, port, tls, trusted, maxConnections, maxFrameBytes,
                idleTimeout, outboundLimitBytes, webSocketPath, closeGrace, maxAcceptRate);
    }

    private static Optional<String> value(Function<String, Optional<String>> lookup, String key) {
        return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int integer(String setting, String value, int min, int max) {
        return (int) integer(setting, value, min, (long) max);
    }

    private static long integer(String setting, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(setting + ": '" + value + "' is not a whole number", e);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(setting + ": " + n + " is out of range (" + min + " to " + max + ")");
        }
        return n;
    }

    private static boolean bool(String setting, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(setting + ": '" + value + "' is neither true nor false");
        };
    }

    private static Duration duration(String setting, String value) {
        Duration d;
        try {
            d = new DurationConverter().convert(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(setting + ": '" + value + "' is negative (0 means no timeout)");
        }
        return d;
    }

    private static void checkAddress(String setting, String address) {
        try {
            InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(setting + ": '" + address + "' is not a local address or host name", e);
        }
    }
}
