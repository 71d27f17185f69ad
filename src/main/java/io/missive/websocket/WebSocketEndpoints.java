package io.missive.websocket;

import io.missive.core.MessagingCore;
import io.missive.protocol.ProtocolSpec;
import io.missive.tcp.TcpListenerSettings;
import io.missive.tcp.TcpProtocol;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Registers the container's WebSocket endpoints of every protocol that has any (the registry's
 * paths and sub-protocols: /ws and /wss for the binary protocol, /mqtt for MQTT; each answers on
 * the HTTP and the HTTPS port), each connection opened through the protocol's {@link TcpProtocol}.
 */
@WebListener
public class WebSocketEndpoints implements ServletContextListener {

    @Inject
    private MessagingCore core;

    @Inject
    @Any
    private Instance<TcpProtocol> protocols;

    @Resource
    private ManagedThreadFactory threads;

    private IdleTimerScheduler idleTimers;
    private DeliveryLoops loops;

    @Inject
    @ConfigProperty(name = "missive.websocket.max-frame-bytes", defaultValue = "524288")
    private int maxFrameBytes;

    @Inject
    @ConfigProperty(name = "missive.websocket.outbound-limit-bytes", defaultValue = "4194304")
    private long outboundLimitBytes;

    @Inject
    @ConfigProperty(name = "missive.websocket.loop-threads", defaultValue = "0")
    private int loopThreads;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        if (loopThreads < 0) {
            throw new IllegalStateException("missive.websocket.loop-threads: " + loopThreads
                    + " is negative (0 means one per processor)");
        }
        idleTimers = new IdleTimerScheduler(threads);
        loops = new DeliveryLoops(threads, loopThreads > 0 ? loopThreads : Runtime.getRuntime().availableProcessors());
        WebSocketLimits limits = new WebSocketLimits(maxFrameBytes, outboundLimitBytes);
        try {
            for (TcpProtocol protocol : protocols) {
                ProtocolSpec spec = protocol.spec();
                for (String path : spec.webSocketPaths()) {
                    TcpListenerSettings asListener = new TcpListenerSettings("websocket", spec.name(), "0.0.0.0", 0,
                            null, false, Integer.MAX_VALUE, maxFrameBytes, Duration.ZERO, outboundLimitBytes, path);
                    FrameWebSocketEndpoint.ListenerFactory factory =
                            (sink, transport) -> protocol.openWebSocket(sink, asListener, transport, core);
                    container.addEndpoint(ServerEndpointConfig.Builder.create(FrameWebSocketEndpoint.class, path)
                            .subprotocols(spec.webSocketSubprotocols().orElseThrow())
                            .configurator(endpoints(factory, limits, idleTimers, loops))
                            .build());
                }
            }
        } catch (DeploymentException e) {
            throw new IllegalStateException("Could not register the WebSocket endpoints", e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (idleTimers != null) {
            idleTimers.close();
        }
        if (loops != null) {
            loops.close();
        }
    }

    /** Makes each connection's endpoint with the protocol's listener factory. */
    private static ServerEndpointConfig.Configurator endpoints(FrameWebSocketEndpoint.ListenerFactory factory,
                                                               WebSocketLimits limits, IdleTimerScheduler idleTimers,
                                                               DeliveryLoops loops) {
        return new ServerEndpointConfig.Configurator() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getEndpointInstance(Class<T> type) {
                return (T) new FrameWebSocketEndpoint(factory, limits, idleTimers, loops);
            }
        };
    }
}
