package io.missive.tcp;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.FastThreadLocal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The connector's sockets: the configured listeners on one group of Netty event loops, whose
 * threads come from the given factory (the container's). Can be started again after a stop:
 * each start makes new event loops, each stop frees every port and ends every thread.
 */
public final class TcpServer {

    private static final Logger LOG = Logger.getLogger(TcpServer.class.getName());
    private static final long STOP_TIMEOUT_SECONDS = 10;

    private final List<TcpListenerSettings> settings;
    private final Map<String, TcpProtocol> protocols;
    private final ThreadFactory threads;
    private final int ioThreads;
    private final AcceptGate gate;
    private final List<TcpListener> listeners = new ArrayList<>();
    private EventLoopGroup group;
    /** Accepts for every listener, apart from the loops that read and write, so that a flood of new connections does not hold up the open ones. */
    private EventLoopGroup acceptors;

    /**
     * @param protocols by name; every listener's protocol must be among them
     * @param ioThreads event loop threads; 0 for one per processor
     */
    public TcpServer(List<TcpListenerSettings> settings, Map<String, TcpProtocol> protocols, ThreadFactory threads,
                     int ioThreads) {
        this(settings, protocols, threads, ioThreads, AcceptGate.OPEN);
    }

    /** @param gate asked for each connection on a listener that is not trusted, before anything is set up for it */
    public TcpServer(List<TcpListenerSettings> settings, Map<String, TcpProtocol> protocols, ThreadFactory threads,
                     int ioThreads, AcceptGate gate) {
        this.gate = gate;
        this.settings = List.copyOf(settings);
        this.protocols = Map.copyOf(protocols);
        this.threads = threads;
        this.ioThreads = ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }

    /** Opens every listener, or none: when one fails, those opened are closed again and the failure thrown. */
    public synchronized void start() {
        if (group != null || settings.isEmpty()) {
            return;
        }
        List<TcpListener> made = new ArrayList<>();
        for (TcpListenerSettings s : settings) {
            TcpProtocol protocol = protocols.get(s.protocol());
            if (protocol == null) {
                throw new IllegalArgumentException(s.setting("protocol") + ": no protocol '" + s.protocol() + "'");
            }
            made.add(new TcpListener(s, protocol, s.trusted() ? AcceptGate.OPEN : gate));
        }
        group = new MultiThreadIoEventLoopGroup(ioThreads, namedThreads("missive-tcp-"), NioIoHandler.newFactory());
        acceptors = new MultiThreadIoEventLoopGroup(1, namedThreads("missive-tcp-accept-"), NioIoHandler.newFactory());
        try {
            for (TcpListener listener : made) {
                listener.bind(acceptors, group);
                listeners.add(listener);
                TcpListenerSettings s = listener.settings();
                LOG.info(() -> "MSV5003 TCP listener '" + s.name() + "' (" + s.protocol() + " over " + s.transport()
                        + (s.trusted() ? ", trusted" : "") + ") on " + s.bindAddress() + ":" + listener.port());
            }
        } catch (RuntimeException e) {
            stop();
            throw e;
        } finally {
            FastThreadLocal.removeAll();
        }
    }

    /** Closes every port and connection, and ends the event loops; waits until they are gone. */
    public synchronized void stop() {
        if (group == null) {
            return;
        }
        listeners.forEach(listener -> listener.close(Duration.ofSeconds(STOP_TIMEOUT_SECONDS)));
        listeners.clear();
        // closes every connection still open; each protocol hears of it through its listener
        if (!group.shutdownGracefully(0, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(STOP_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS)) {
            LOG.warning("MSV5004 The TCP event loops did not end within " + (STOP_TIMEOUT_SECONDS + 5) + " s");
        }
        group = null;
        acceptors.shutdownGracefully(0, STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(STOP_TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
        acceptors = null;
        // the caller is a container thread (the deployer's): leave none of Netty's thread-locals on it
        FastThreadLocal.removeAll();
        LOG.info("MSV5005 TCP listeners closed");
    }

    /** The configured listeners that are not listening (none bound yet, or a port lost); empty when all are. */
    public synchronized List<String> notListening() {
        return settings.stream().map(TcpListenerSettings::name)
                .filter(name -> listeners.stream().noneMatch(l -> l.settings().name().equals(name) && l.isListening()))
                .toList();
    }

    /** The port a running listener listens on; -1 when it does not run. */
    public synchronized int port(String listenerName) {
        return listeners.stream().filter(l -> l.settings().name().equals(listenerName))
                .mapToInt(TcpListener::port).findFirst().orElse(-1);
    }

    /** The bind address and port of the first running listener speaking {@code protocol}; empty when none runs. */
    public synchronized Optional<InetSocketAddress> address(String protocol) {
        return listeners.stream().filter(l -> l.settings().protocol().equals(protocol) && l.isListening()).findFirst()
                .map(l -> new InetSocketAddress(l.settings().bindAddress(), l.port()));
    }

    private ThreadFactory namedThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = threads.newThread(task);
            thread.setName(prefix + count.incrementAndGet());
            return thread;
        };
    }
}
