package io.missive.tcp;

import io.missive.core.MessagingCore;
import io.missive.fishchat.FishChatGatewayConnection;
import io.missive.fishchat.FishChatSettings;
import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.netty.channel.ChannelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * FishChat's gateway (seed 004) over TCP (default port 17000, 127.0.0.1 unless configured): it hands
 * each client the address of this node's FishChat message server, the first listener speaking
 * {@code fishchat}: {@code missive.fishchat.advertised-address} when set, else that listener's bind
 * address (or, when it binds every address, the one the client reached the gateway at) and its port.
 */
@ApplicationScoped
public class FishChatGatewayTcpProtocol implements TcpProtocol {

    @Inject
    private MessagingCore core;

    @Inject
    private FishChatSettings settings;

    @Inject
    private Config config;

    /** The message server's listener, read once: null until the first connection. */
    private volatile TcpListenerSettings messageServer;

    @Override
    public ProtocolSpec spec() {
        return Protocols.FISHCHAT_GATEWAY;
    }

    @Override
    public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener, String transport) {
        InetSocketAddress local = (InetSocketAddress) pipeline.channel().localAddress();
        LengthPrefixDecoder.frame(pipeline, listener.maxFrameBytes());
        pipeline.addLast("fishchat-gateway", new ConnectionHandler<>(MessageForm.FRAMES, listener.outboundLimitBytes(),
                sink -> new FishChatGatewayConnection(core, settings, sink, transport, () -> address(local))));
    }

    private String address(InetSocketAddress reached) {
        if (settings.advertisedAddress().isPresent()) {
            return settings.advertisedAddress().get();
        }
        TcpListenerSettings server = messageServer();
        InetAddress host;
        try {
            host = InetAddress.getByName(server.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(server.setting("bind") + " does not resolve any more", e);
        }
        return FishChatTcpProtocol.hostAndPort(host.isAnyLocalAddress() ? reached.getAddress() : host, server.port());
    }

    private TcpListenerSettings messageServer() {
        TcpListenerSettings server = messageServer;
        if (server == null) {
            server = TcpListenerSettings.readAll(name -> config.getOptionalValue(name, String.class),
                            Protocols.ALL.stream().collect(Collectors.toMap(ProtocolSpec::name, Function.identity())))
                    .stream().filter(l -> l.protocol().equals(Protocols.FISHCHAT.name())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the FishChat gateway has no message server to"
                            + " hand out: " + TcpListenerSettings.LISTENERS + " names no fishchat listener and "
                            + FishChatSettings.ADVERTISED_ADDRESS + " is not set"));
            messageServer = server;
        }
        return server;
    }
}
