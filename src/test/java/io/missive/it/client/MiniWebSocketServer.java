package io.missive.it.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * Just enough of an RFC 6455 server, over a plain socket on a free loopback port, to test
 * {@link BinaryWsClient} without an application server: one connection at a time, blocking.
 */
final class MiniWebSocketServer implements AutoCloseable {

    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;

    private final ServerSocket serverSocket;
    private final boolean tls;

    /** A plain server ({@code ws://}). */
    MiniWebSocketServer() throws IOException {
        this(null);
    }

    /** A TLS server ({@code wss://}) when {@code sslContext} is not null. */
    MiniWebSocketServer(SSLContext sslContext) throws IOException {
        tls = sslContext != null;
        serverSocket = tls
                ? sslContext.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress())
                : new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        serverSocket.setSoTimeout(10_000);
    }

    URI uri() {
        return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + serverSocket.getLocalPort() + (tls ? "/wss" : "/ws"));
    }

    /** Accepts one connection and completes its handshake. */
    Connection accept() throws IOException {
        Socket socket = serverSocket.accept();
        socket.setSoTimeout(10_000);
        Connection connection = new Connection(socket);
        connection.handshake();
        return connection;
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }

    record Message(int opcode, byte[] payload) {
    }

    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        void handshake() throws IOException {
            String key = null;
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
                    key = line.substring(colon + 1).trim();
                }
            }
            if (key == null) {
                throw new IOException("no Sec-WebSocket-Key");
            }
            String accept;
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
                accept = Base64.getEncoder().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed during the handshake");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        /** Sends one frame; {@code fin} false for all but the last fragment of a message. */
        void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65536) {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length);
            } else {
                frame.write(127);
                for (int i = 7; i >= 0; i--) {
                    frame.write(i >= 4 ? 0 : payload.length >>> (8 * i));
                }
            }
            frame.writeBytes(payload);
            out.write(frame.toByteArray());
            out.flush();
        }

        void sendBinary(byte[] payload) throws IOException {
            sendFrame(BINARY, true, payload);
        }

        /** One binary message split into fragments. */
        void sendFragmented(byte[]... parts) throws IOException {
            for (int i = 0; i < parts.length; i++) {
                sendFrame(i == 0 ? BINARY : 0, i == parts.length - 1, parts[i]);
            }
        }

        void sendText(String text) throws IOException {
            sendFrame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
        }

        void sendClose(int code, String reason) throws IOException {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            byte[] payload = new byte[2 + text.length];
            payload[0] = (byte) (code >>> 8);
            payload[1] = (byte) code;
            System.arraycopy(text, 0, payload, 2, text.length);
            sendFrame(CLOSE, true, payload);
        }

        /** Reads the next whole message (client frames are masked), skipping pings and pongs. */
        Message read() throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            int messageOpcode = -1;
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                boolean fin = (b0 & 0x80) != 0;
                int opcode = b0 & 0x0f;
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                if (opcode == 9 || opcode == 10) {
                    continue;
                }
                if (opcode != 0) {
                    messageOpcode = opcode;
                }
                message.writeBytes(payload);
                if (fin) {
                    return new Message(messageOpcode, message.toByteArray());
                }
            }
        }

        /** Whether nothing arrives within the socket's timeout, set here to {@code millis}. */
        boolean silentFor(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                read();
                return false;
            } catch (java.net.SocketTimeoutException e) {
                return true;
            } finally {
                socket.setSoTimeout(10_000);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
