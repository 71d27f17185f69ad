package io.missive.websocket;

import io.missive.binary.BinarySession;
import io.missive.binary.BinarySettings;
import io.missive.core.MessagingCore;
import io.missive.mqtt.MqttBroker;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registers the binary protocol's endpoints, /ws and /wss (the seed's paths; both answer on
 * the HTTP and the HTTPS port), and MQTT's, /mqtt (sub-protocols mqtt and mqttv3.1), with every
 * connection built from the one messaging core.
 */
@WebListener
public class WebSocketEndpoints implements ServletContextListener {

    @Inject
    private MessagingCore core;

    @Inject
    private BinarySettings settings;

    @Inject
    private MqttBroker mqtt;

    @Resource
    private ManagedThreadFactory threads;

    private IdleTimerScheduler idleTimers;

    @Inject
    @ConfigProperty(name = "missive.websocket.max-frame-bytes", defaultValue = "524288")
    private int maxFrameBytes;

    @Inject
    @ConfigProperty(name = "missive.websocket.outbound-limit-bytes", defaultValue = "4194304")
    private long outboundLimitBytes;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext()
                .getAttribute(ServerContainer.class.getName());
        idleTimers = new IdleTimerScheduler(threads);
        WebSocketLimits limits = new WebSocketLimits(maxFrameBytes, outboundLimitBytes);
        FrameWebSocketEndpoint.ListenerFactory binary = (sink, transport) -> new BinarySession(core, settings, sink, transport);
        try {
            for (String path : new String[]{"/ws", "/wss"}) {
                container.addEndpoint(ServerEndpointConfig.Builder.create(FrameWebSocketEndpoint.class, path)
                        .configurator(endpoints(binary, limits, idleTimers))
                        .build());
            }
            container.addEndpoint(ServerEndpointConfig.Builder.create(FrameWebSocketEndpoint.class, "/mqtt")
                    .subprotocols(List.of("mqtt", "mqttv3.1"))
                    .configurator(endpoints(mqtt::newWebSocketBridge, limits, idleTimers))
                    .build());
        } catch (DeploymentException e) {
            throw new IllegalStateException("Could not register the WebSocket endpoints", e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (idleTimers != null) {
            idleTimers.close();
        }
    }

    /** Makes each connection's endpoint with the protocol's listener factory. */
    private static ServerEndpointConfig.Configurator endpoints(FrameWebSocketEndpoint.ListenerFactory factory,
                                                               WebSocketLimits limits, IdleTimerScheduler idleTimers) {
        return new ServerEndpointConfig.Configurator() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getEndpointInstance(Class<T> type) {
                return (T) new FrameWebSocketEndpoint(factory, limits, idleTimers);
            }
        };
    }
}
