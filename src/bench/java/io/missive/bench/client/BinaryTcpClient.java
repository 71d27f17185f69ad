package io.missive.bench.client;

import io.missive.binary.BinaryCodec;
import io.missive.binary.BinaryFrame;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;

/**
 * One binary-protocol connection over TCP: every frame preceded by its 4-byte length, carried by a
 * {@link TcpFrameConnection}.
 */
final class BinaryTcpClient extends BinaryProtocolClient implements TcpFrameConnection.Frames {

    // set once the socket is open, read by the selector thread (a push is acknowledged from there)
    private volatile TcpFrameConnection connection;

    private BinaryTcpClient(int payloadBytes, DeliveryListener listener) {
        super(payloadBytes, listener);
    }

    static BinaryTcpClient connect(Selector selector, InetSocketAddress address, BenchAccount self, int payloadBytes,
                                   DeliveryListener listener) throws IOException {
        BinaryTcpClient client = new BinaryTcpClient(payloadBytes, listener);
        try {
            client.connection = TcpFrameConnection.open(selector, address, LOGIN_TIMEOUT, client);
        } catch (IOException e) {
            throw new IOException("cannot connect " + self.username() + " to " + address + ": " + e, e);
        }
        client.login(self, "tcp://" + address.getHostString() + ":" + address.getPort());
        return client;
    }

    @Override
    void send(BinaryFrame frame) {
        int length = BinaryCodec.encodedLength(frame);
        byte[] bytes = new byte[TcpFrameConnection.PREFIX_BYTES + length];
        ByteBuffer.wrap(bytes).putInt(length);
        BinaryCodec.encodeInto(frame, bytes, TcpFrameConnection.PREFIX_BYTES);
        connection.write(bytes);
    }

    @Override
    public void frame(ByteBuffer frame, long now) {
        frame.position(frame.position() + TcpFrameConnection.PREFIX_BYTES);
        received(frame, now);
    }

    @Override
    public void lost(String what, Throwable cause) {
        connectionLost(what, cause);
    }

    @Override
    void abort() {
        connection.abort();
    }

    @Override
    public void close() {
        if (!connection.isOpen()) {
            return;
        }
        startClosing();
        connection.closeAfterPendingWrites();
    }
}
