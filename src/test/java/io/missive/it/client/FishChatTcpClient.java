package io.missive.it.client;

import io.missive.config.SharedJson;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.ByteArrayInputStream;
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
import java.util.List;
import java.util.Optional;

/**
 * A FishChat client over a raw socket, framing as FishChat's own clients do: a 4-byte big-endian
 * length, then {@code {"CmdName":"...","Args":[...]}} — with the Go demos' trailing newline, or
 * without it as the Android client's Gson writes it. It writes its JSON itself (not with the
 * server's codec) and reads the server's frames one at a time. One test thread drives it.
 */
public final class FishChatTcpClient implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /** How a client writes its frames. */
    public enum Form {
        /** FishChatServer's Go clients: the body ends with a newline, counted in the length. */
        GO,
        /** FishChatAndroid's Gson: no newline. */
        ANDROID
    }

    /** One frame from the server, as read; {@code body} is the JSON text without the newline. */
    public record Frame(String name, List<String> args, String body, boolean endsWithNewline) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Form form;

    private FishChatTcpClient(Socket socket, Form form) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.form = form;
    }

    public static FishChatTcpClient connect(int port, Form form) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setTcpNoDelay(true);
        return new FishChatTcpClient(socket, form);
    }

    /** Connects and logs in with {@code SEND_CLIENT_ID [id]}; FishChat answers nothing. */
    public static FishChatTcpClient login(int port, Form form, String id) throws IOException {
        FishChatTcpClient client = connect(port, form);
        client.send("SEND_CLIENT_ID", id);
        return client;
    }

    /** Sends one command in this client's form. */
    public void send(String name, String... args) throws IOException {
        StringBuilder json = new StringBuilder("{\"CmdName\":").append(quote(name)).append(",\"Args\":[");
        for (int i = 0; i < args.length; i++) {
            json.append(i > 0 ? "," : "").append(quote(args[i]));
        }
        json.append("]}");
        if (form == Form.GO) {
            json.append('\n');
        }
        sendFrame(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code body} behind its length prefix, whatever it is. */
    public void sendFrame(byte[] body) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body);
        sendRaw(frame.array());
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next frame; fails if none comes in time. */
    public Frame next(Duration timeout) throws IOException {
        return poll(timeout).orElseThrow(() -> new AssertionError("no FishChat frame within " + timeout));
    }

    public Frame next() throws IOException {
        return next(DEFAULT_TIMEOUT);
    }

    /** The next frame, or empty when none comes in time; fails when the server closes first. */
    public Optional<Frame> poll(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        int length;
        try {
            length = in.readInt();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        byte[] body = new byte[length];
        in.readFully(body);
        String text = new String(body, StandardCharsets.UTF_8);
        boolean newline = text.endsWith("\n");
        try (JsonReader reader = SharedJson.PROVIDER.createReader(new ByteArrayInputStream(body))) {
            JsonObject json = reader.readObject();
            List<String> args = json.getJsonArray("Args").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).toList();
            return Optional.of(new Frame(json.getString("CmdName"), args, newline ? text.substring(0, text.length() - 1)
                    : text, newline));
        }
    }

    /** Whether the server closes the connection within {@code timeout}, without sending anything more. */
    public boolean awaitClosed(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("the server sent more before closing (byte " + b + ")");
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
