package io.missive.tcp;

import io.missive.cluster.NodeBoard;
import io.missive.config.ClusterSettings;
import io.missive.core.MessagingCore;
import io.missive.fishchat.FishChatGatewayConnection;
import io.missive.fishchat.FishChatSettings;
import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.netty.channel.ChannelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * FishChat's gateway (seed 004) over TCP (default port 17000, 127.0.0.1 unless configured): it hands
 * each client the address of this node's FishChat message server, the first running listener
 * speaking {@code fishchat}: {@code missive.fishchat.advertised-address} when set, else that
 * listener's bind address (or, when it binds every address, the one the client reached the gateway
 * at) and the port it listens on. In a cluster it hands out the least loaded ready node's, from the
 * node board.
 */
@ApplicationScoped
public class FishChatGatewayTcpProtocol implements TcpProtocol {

    @Inject
    private MessagingCore core;

    @Inject
    private FishChatSettings settings;

    @Inject
    private TcpConnector connector;

    @Inject
    private ClusterSettings cluster;

    @Inject
    private NodeBoard nodes;

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
        if (cluster.enabled()) {
            return nodes.addressFor(Protocols.FISHCHAT.name()).orElseThrow(() -> new IllegalStateException(
                    "the FishChat gateway has no message server to hand out: no ready node has a fishchat listener"));
        }
        if (settings.advertisedAddress().isPresent()) {
            return settings.advertisedAddress().get();
        }
        InetSocketAddress server = connector.listening(Protocols.FISHCHAT.name())
                .orElseThrow(() -> new IllegalStateException("the FishChat gateway has no message server to hand out:"
                        + " no fishchat listener is listening and " + FishChatSettings.ADVERTISED_ADDRESS + " is not set"));
        InetAddress host = server.getAddress();
        return FishChatTcpProtocol.hostAndPort(host.isAnyLocalAddress() ? reached.getAddress() : host, server.getPort());
    }
}
