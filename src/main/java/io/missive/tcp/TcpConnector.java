package io.missive.tcp;

import io.missive.core.MessagingCore;
import io.missive.protocol.ProtocolSpec;
import io.netty.util.ResourceLeakDetector;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The TCP connector, shaped like a resource adapter but living in the WAR (a real one cannot):
 * its lifecycle is the application's. It reads the listeners from configuration and opens them
 * once the application has started (the messaging core and everything else first), and closes
 * every port before the application goes, so that undeploying and deploying again finds the
 * ports free. Threads come from the container's {@link ManagedThreadFactory}.
 */
@ApplicationScoped
public class TcpConnector {

    private static final Logger LOG = Logger.getLogger(TcpConnector.class.getName());

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    private Config config;

    @Inject
    private MessagingCore core;

    @Inject
    @Any
    private Instance<TcpProtocol> protocols;

    @Inject
    @ConfigProperty(name = "missive.tcp.io-threads", defaultValue = "0")
    private int ioThreads;

    private TcpServer server;

    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) @Initialized(ApplicationScoped.class)
               Object ignored) {
        Map<String, TcpProtocol> byName = new LinkedHashMap<>();
        Map<String, ProtocolSpec> specs = new LinkedHashMap<>();
        for (TcpProtocol protocol : protocols) {
            byName.put(protocol.spec().name(), protocol);
            specs.put(protocol.spec().name(), protocol.spec());
        }
        List<TcpListenerSettings> listeners;
        try {
            if (ioThreads < 0) {
                throw new IllegalArgumentException("missive.tcp.io-threads: " + ioThreads + " is negative (0 means one per processor)");
            }
            listeners = TcpListenerSettings.readAll(name -> config.getOptionalValue(name, String.class), specs);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Missive cannot start: " + e.getMessage(), e);
        }
        ResourceLeakDetector.Level leakDetection = LeakDetectionDefault.apply(System::getProperty);
        LOG.fine(() -> "Netty's buffer-leak detection: " + leakDetection);
        synchronized (this) {
            // over the connections awaiting their login per address, refused before anything is set up
            AcceptGate gate = (peer, listener) -> core.refusesNewConnection(peer.getAddress().getHostAddress(),
                    () -> "a connection from " + ChannelSink.describe(peer) + " on TCP listener '" + listener + "'");
            server = new TcpServer(listeners, byName, threads, ioThreads, gate);
            server.start();
        }
    }

    void beforeUndeploy(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class)
                        Object ignored) {
        stop();
    }

    /**
     * The configured listeners that are not listening: all of them before start-up has bound them
     * (or after a failed start), none on a healthy node.
     */
    public synchronized List<String> notListening() {
        if (server == null) {
            return TcpListenerSettings.names(name -> config.getOptionalValue(name, String.class));
        }
        return server.notListening();
    }

    /** Where the first running listener speaking {@code protocol} listens (its bind address, its real port). */
    public synchronized Optional<InetSocketAddress> listening(String protocol) {
        return server == null ? Optional.empty() : server.address(protocol);
    }

    @PreDestroy
    synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
