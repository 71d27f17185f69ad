package io.missive.tcp;

import io.missive.core.MessagingCore;
import io.missive.core.auth.TokenVerifier;
import io.missive.core.store.NamedMembers;
import io.missive.fishchat.FishChatConnection;
import io.missive.fishchat.FishChatSettings;
import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.netty.channel.ChannelPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * FishChat's message server (seed 004) over TCP (default port 19000, 127.0.0.1 unless configured):
 * each frame, both ways, a 4-byte big-endian length and one JSON command, read and written by the
 * connection's {@link FishChatConnection}.
 */
@ApplicationScoped
public class FishChatTcpProtocol implements TcpProtocol {

    @Inject
    private MessagingCore core;

    @Inject
    private FishChatSettings settings;

    @Inject
    private NamedMembers names;

    @Inject
    private TokenVerifier tokens;

    @Override
    public ProtocolSpec spec() {
        return Protocols.FISHCHAT;
    }

    @Override
    public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener, String transport) {
        InetSocketAddress local = (InetSocketAddress) pipeline.channel().localAddress();
        // the address this client reached us at is one it can reach again
        String address = settings.advertisedAddress().orElseGet(() -> hostAndPort(local.getAddress(), local.getPort()));
        LengthPrefixDecoder.frame(pipeline, listener.maxFrameBytes());
        pipeline.addLast("fishchat", new ConnectionHandler<>(MessageForm.FRAMES, listener.outboundLimitBytes(),
                sink -> new FishChatConnection(core, settings, names, tokens, sink, transport, address)));
    }

    /** "host:port" as FishChat's clients split it; an IPv6 address in brackets. */
    static String hostAndPort(InetAddress host, int port) {
        String text = host.getHostAddress();
        return (text.indexOf(':') >= 0 ? "[" + text + "]" : text) + ":" + port;
    }
}
