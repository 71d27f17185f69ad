package io.missive.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Missive's text push protocol (seed 001, docs/protocol-text.md) over TCP, with java.nio on the
 * same selector threads as {@link BinaryTcpProtocol}. Its accounts are devices: a
 * {@link BenchAccount} whose username is the serial number, password the token and uid the device id
 * that {@code POST /registration} answered. Every device subscribes to a channel of its own, numbered
 * as its device id, so that {@link Destination.User} is {@code PUB <device> <device> <id>}: p2p over
 * the protocol's only addressing, channels. A {@link Destination.Group} is the channel of its id, to
 * every subscriber ({@code PUB 0 <channel> <id>}).
 */
public final class TextPushProtocol implements ClientFactory {

    private static final int IO_THREADS = 2;

    private final InetSocketAddress address;
    private final int payloadBytes;
    private final SelectorLoops loops = new SelectorLoops("bench-text", IO_THREADS);

    public TextPushProtocol(String host, int port, int payloadBytes) {
        this.address = new InetSocketAddress(host, port);
        this.payloadBytes = payloadBytes;
    }

    @Override
    public String name() {
        return "Missive text/tcp";
    }

    @Override
    public MessagingClient connect(BenchAccount device, List<Destination.Group> groups, DeliveryListener listener)
            throws IOException {
        return TextPushClient.connect(loops.next(), address, device, groups, payloadBytes, listener);
    }

    @Override
    public void close() {
        loops.close();
    }
}
