package io.missive.bench.client;

import io.missive.binary.BinaryCodec;
import io.missive.binary.BinaryFrame;
import io.missive.binary.MalformedFrameException;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongFunction;

/**
 * Threads that log in over binary/tcp with a wrong password, again and again, each attempt on a new
 * connection (CONNECT, wait for CONNECT_ACK, close), as a password-guessing client or a
 * misconfigured fleet would. The source addresses rotate over {@code sources}: on Linux every
 * 127.x.y.z address reaches the loopback, so one machine can stand in for many attackers. The
 * server's answers are counted by CONNECT_ACK code.
 */
public final class BadLoginFlood implements AutoCloseable {

    private static final int ANSWER_TIMEOUT_MILLIS = 30_000;

    private final InetSocketAddress server;
    private final List<InetAddress> sources;
    private final LongFunction<String> username;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLongArray answers = new AtomicLongArray(256);
    private volatile boolean stopped;

    private BadLoginFlood(InetSocketAddress server, List<InetAddress> sources, LongFunction<String> username) {
        this.server = server;
        this.sources = sources;
        this.username = username;
    }

    /**
     * Starts {@code threads} threads; attempt {@code n} comes from {@code sources[n % size]} and names
     * the user {@code username.apply(n)}.
     */
    public static BadLoginFlood start(InetSocketAddress server, List<InetAddress> sources, LongFunction<String> username,
                                      int threads) {
        BadLoginFlood flood = new BadLoginFlood(server, List.copyOf(sources), username);
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(flood::loop, "bad-login-flood-" + i);
            thread.setDaemon(true);
            flood.threads.add(thread);
            thread.start();
        }
        return flood;
    }

    /** Attempts answered or failed so far. */
    public long attempts() {
        return attempts.get();
    }

    /** Attempts that got no CONNECT_ACK (refused connection, closed without an answer, timeout). */
    public long failures() {
        return failures.get();
    }

    /** Answers so far by CONNECT_ACK code. */
    public Map<Integer, Long> answers() {
        Map<Integer, Long> byCode = new TreeMap<>();
        for (int code = 0; code < answers.length(); code++) {
            if (answers.get(code) > 0) {
                byCode.put(code, answers.get(code));
            }
        }
        return byCode;
    }

    private void loop() {
        while (!stopped) {
            long n = attempts.getAndIncrement();
            InetAddress source = sources.get((int) (n % sources.size()));
            try {
                answers.incrementAndGet(attempt(source, username.apply(n)));
            } catch (IOException | MalformedFrameException | RuntimeException e) {
                failures.incrementAndGet();
            }
        }
    }

    private int attempt(InetAddress source, String user) throws IOException, MalformedFrameException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(server, ANSWER_TIMEOUT_MILLIS);
            socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            BinaryFrame connect = new BinaryFrame.Connect(user, "not-the-password");
            int length = BinaryCodec.encodedLength(connect);
            byte[] bytes = new byte[TcpFrameConnection.PREFIX_BYTES + length];
            ByteBuffer.wrap(bytes).putInt(length);
            BinaryCodec.encodeInto(connect, bytes, TcpFrameConnection.PREFIX_BYTES);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            if (BinaryCodec.decodeServerFrame(answer) instanceof BinaryFrame.ConnectAck ack) {
                return ack.code();
            }
            throw new IOException("not a CONNECT_ACK");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join(ANSWER_TIMEOUT_MILLIS + 5_000L);
        }
    }
}
