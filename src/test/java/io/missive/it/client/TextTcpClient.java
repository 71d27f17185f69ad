package io.missive.it.client;

import io.missive.text.MalformedTextFrameException;
import io.missive.text.TextCodec;
import io.missive.text.TextCommand;
import io.missive.text.TextFrame;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A push device over a raw socket speaking the text protocol, as the seed's devices do: it
 * writes the magic and commands with {@link TextCodec} and reads the server's frames one at a
 * time. Not thread-safe: one test thread drives it.
 */
public final class TextTcpClient implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private TextTcpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and sends the magic. */
    public static TextTcpClient connect(String host, int port) throws IOException {
        TextTcpClient client = connectWithoutMagic(host, port);
        client.sendRaw(TextCodec.magic());
        return client;
    }

    public static TextTcpClient connectWithoutMagic(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setTcpNoDelay(true);
        return new TextTcpClient(socket);
    }

    public void send(TextCommand command) throws IOException {
        sendRaw(TextCodec.encodeCommand(command));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** IDENTIFY with this JSON; answers the server's reply. */
    public TextFrame identify(String json) throws IOException {
        send(new TextCommand.Identify(json.getBytes(StandardCharsets.UTF_8)));
        return next(DEFAULT_TIMEOUT);
    }

    /** IDENTIFY as a device with its token, asking to confirm messages with FIN when {@code confirm}. */
    public TextFrame identify(long deviceId, String token, boolean confirm) throws IOException {
        return identify("{\"client_id\":" + deviceId + ",\"heartbeat_interval\":300,\"token\":\"" + token + "\""
                + (confirm ? ",\"confirm\":true" : "") + "}");
    }

    /** The next frame; fails when none comes in time or the connection ends. */
    public TextFrame next(Duration timeout) throws IOException {
        return poll(timeout).orElseThrow(() -> new AssertionError("no frame within " + timeout));
    }

    public <T extends TextFrame> T next(Class<T> type, Duration timeout) throws IOException {
        TextFrame frame = next(timeout);
        if (!type.isInstance(frame)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + frame);
        }
        return type.cast(frame);
    }

    /** The next frame, or empty when none comes in time. Fails when the connection ends. */
    public Optional<TextFrame> poll(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        int size;
        try {
            size = in.readInt();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        if (size < 4 || size > 16 * 1024 * 1024) {
            throw new IOException("bad frame size " + size);
        }
        byte[] frame = new byte[4 + size];
        ByteBuffer.wrap(frame).putInt(size);
        in.readFully(frame, 4, size);
        try {
            return Optional.of(TextCodec.decodeServerFrame(ByteBuffer.wrap(frame)));
        } catch (MalformedTextFrameException e) {
            throw new IOException("malformed frame from the server", e);
        }
    }

    /** Whether the server closes the connection within {@code timeout}, reading (and dropping) frames until then. */
    public boolean awaitClosed(Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(end - System.nanoTime()).toMillis()));
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (EOFException | java.net.SocketException e) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
