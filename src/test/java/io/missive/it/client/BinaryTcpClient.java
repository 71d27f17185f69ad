package io.missive.it.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * A small test client for the binary protocol over TCP: every frame, both ways, preceded by its
 * length in 4 unsigned big-endian bytes (seed 002, section 4). Plain or TLS, on a blocking socket
 * with one thread that reads frames; receiving, automatic answers and failures are
 * {@link BinaryClient}'s. Sends are thread-safe and go out in call order.
 */
public final class BinaryTcpClient extends BinaryClient {

    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final Socket socket;
    private final DataOutputStream out;
    private volatile String endedBy = "open";
    private volatile boolean reading;

    private BinaryTcpClient(String name, Socket socket) throws IOException {
        super(name);
        this.socket = socket;
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
    }

    /** Connects over plain TCP to localhost. */
    public static BinaryTcpClient connect(int port) throws IOException {
        return open(port, null, 0).reading();
    }

    /** Connects over TLS to localhost, trusting what {@code sslContext} trusts; the handshake is done on return. */
    public static BinaryTcpClient connectTls(int port, SSLContext sslContext) throws IOException {
        return open(port, sslContext, 0).reading();
    }

    /**
     * Connects and never reads from the socket, as a stalled device would; with a small receive buffer
     * the server soon cannot write to it. {@link #drainUntilClosed} reads what arrived, to the end.
     */
    public static BinaryTcpClient connectNotReading(int port, int receiveBufferBytes) throws IOException {
        return open(port, null, receiveBufferBytes);
    }

    private static BinaryTcpClient open(int port, SSLContext sslContextOrNull, int receiveBufferBytes)
            throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);   // before connecting, so that the window is small
        }
        socket.connect(new InetSocketAddress("localhost", port), (int) DEFAULT_TIMEOUT.toMillis());
        if (sslContextOrNull != null) {
            SSLSocket tls = (SSLSocket) sslContextOrNull.getSocketFactory().createSocket(socket, "localhost", port, true);
            tls.setSoTimeout((int) DEFAULT_TIMEOUT.toMillis());
            tls.startHandshake();
            tls.setSoTimeout(0);
            socket = tls;
        }
        return new BinaryTcpClient((sslContextOrNull == null ? "tcp" : "tls") + "://localhost:" + port, socket);
    }

    private BinaryTcpClient reading() {
        reading = true;
        Thread reader = new Thread(this::readLoop, "binary-tcp-client " + name);
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    // ------------------------------------------------------------------ sending

    /** Sends one frame's bytes with their length prefix; waits until written. */
    @Override
    public void sendRaw(byte[] frame) {
        byte[] prefixed = new byte[4 + frame.length];
        prefixed[0] = (byte) (frame.length >>> 24);
        prefixed[1] = (byte) (frame.length >>> 16);
        prefixed[2] = (byte) (frame.length >>> 8);
        prefixed[3] = (byte) frame.length;
        System.arraycopy(frame, 0, prefixed, 4, frame.length);
        sendBytes(prefixed);
    }

    /** Sends bytes as they are, no length added (for bad-input tests: lengths that lie); waits until written. */
    public void sendBytes(byte[] bytes) {
        try {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot send " + bytes.length + " bytes: " + e, e);
        }
    }

    @Override
    protected void sendFromReceiver(byte[] frame) {
        try {
            sendRaw(frame);
        } catch (UncheckedIOException e) {
            fail("an automatic answer could not be sent: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ receiving

    private void readLoop() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                long length = Integer.toUnsignedLong(in.readInt());
                if (length > MAX_FRAME_BYTES) {
                    fail("the server announced a frame of " + length + " bytes");
                    break;
                }
                byte[] frame = new byte[(int) length];
                in.readFully(frame);
                deliver(frame);
            }
            endedBy = "bad frame";
        } catch (EOFException e) {
            endedBy = "closed by the server";
        } catch (IOException e) {
            endedBy = socket.isClosed() ? "closed by the client" : "error " + e;
        }
        closeQuietly();
        ended();
    }

    /**
     * For a client connected with {@link #connectNotReading}: reads and drops everything until the
     * server closes the connection; true if it did within {@code timeoutMillis} of silence.
     */
    public boolean drainUntilClosed(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[65_536];
        try {
            while (in.read(sink) >= 0) {
                // dropped: only the end matters
            }
            return true;
        } catch (SocketException e) {
            return true; // reset by the server: closed too
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ closing

    @Override
    protected String describeClose() {
        return endedBy;
    }

    /** Drops the connection (the protocol's DISCONNECT is a frame: send it first if wanted). */
    @Override
    public void close() {
        closeQuietly();
        if (reading) {
            awaitClosed(DEFAULT_TIMEOUT);
        } else if (!isClosed()) {
            ended();
        }
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException e) {
            endedBy = "close failed: " + e;
        }
    }
}
