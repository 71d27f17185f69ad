package io.missive.bench.client;

import io.missive.fishchat.FishChatCodec;
import io.missive.fishchat.FishChatCommand;
import io.missive.fishchat.MalformedCommandException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.missive.fishchat.FishChatCommand.CREATE_TOPIC;
import static io.missive.fishchat.FishChatCommand.JOIN_TOPIC;
import static io.missive.fishchat.FishChatCommand.LOCATE_TOPIC_MSG_ADDR;
import static io.missive.fishchat.FishChatCommand.P2P_ACK;
import static io.missive.fishchat.FishChatCommand.RESP_MESSAGE_P2P;
import static io.missive.fishchat.FishChatCommand.SEND_CLIENT_ID;
import static io.missive.fishchat.FishChatCommand.SEND_MESSAGE_P2P;

/**
 * One client of FishChat's message server (seed 004, {@code protocols/fishchat.md}), framed as
 * FishChat's Go demo clients frame: a 4-byte big-endian length, then the JSON command with its
 * trailing newline, written by the server's own {@link FishChatCodec} (which writes exactly the Go
 * form). It sends p2p messages as {@code SEND_MESSAGE_P2P [to, msg, from]} and acknowledges every
 * {@code RESP_MESSAGE_P2P [msg, from, uuid]} with {@code P2P_ACK [id, uuid]}, as a well-behaved Go
 * client does (the Android client never does; Missive would then send it all again at its next login).
 *
 * <p>FishChat answers a publisher nothing, so this client never reports a publish as acknowledged
 * by the server: the recipient's client tells the publisher's ({@link Publishers}) when the message
 * arrives, and that arrival is the publisher's "acknowledgement".
 *
 * <p>FishChat does not answer the login either. Its one request with an answer is {@code JOIN_TOPIC}
 * of an existing topic, and commands are handled in order, after the login; so the login is sent with
 * {@code CREATE_TOPIC} and {@code JOIN_TOPIC} of {@link #LOGIN_TOPIC} behind it, and its
 * {@code LOCATE_TOPIC_MSG_ADDR} means the login was accepted (a refused one closes the connection).
 * Without that, a publisher could send to a recipient whose account the recipient's first login has
 * not made yet, and the server would drop the message.
 *
 * <p>No pings: the Go client pings every 20 s, but Missive's FishChat listener closes a connection
 * only after 30 silent minutes, longer than any connection of the suite stays quiet.
 */
final class FishChatTcpClient implements MessagingClient, TcpFrameConnection.Frames {

    /** The topic every client joins to learn that its login was accepted; nothing is sent to it. */
    static final String LOGIN_TOPIC = "bench-fishchat-login";
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);
    /** The text form of a LoadMessage ({@link LoadMessage#toHexId()}): FishChat messages are JSON strings. */
    private static final int ID_CHARS = 32;
    private static final char FILLER = 'x';

    /** Where a recipient's client reports an arrival to the client that published it. */
    interface Publishers {
        /** {@code message}, published by the client logged in as {@code publisher}, arrived at {@code nanoTime}. */
        void delivered(String publisher, LoadMessage message, long nanoTime);
    }

    private final String username;
    private final int payloadBytes;
    private final DeliveryListener listener;
    private final Publishers publishers;
    private final CompletableFuture<Void> loggedIn = new CompletableFuture<>();
    // set once the socket is open, read by the selector thread
    private volatile TcpFrameConnection connection;
    private volatile boolean closing;

    private FishChatTcpClient(String username, int payloadBytes, DeliveryListener listener, Publishers publishers) {
        if (payloadBytes < ID_CHARS) {
            throw new IllegalArgumentException("a FishChat load message needs at least " + ID_CHARS + " characters");
        }
        this.username = username;
        this.payloadBytes = payloadBytes;
        this.listener = listener;
        this.publishers = publishers;
    }

    static FishChatTcpClient connect(Selector selector, InetSocketAddress address, BenchAccount self, int payloadBytes,
                                     DeliveryListener listener, Publishers publishers) throws IOException {
        FishChatTcpClient client = new FishChatTcpClient(self.username(), payloadBytes, listener, publishers);
        String where = "fishchat://" + address.getHostString() + ":" + address.getPort();
        try {
            client.connection = TcpFrameConnection.open(selector, address, LOGIN_TIMEOUT, client);
        } catch (IOException e) {
            throw new IOException("cannot connect " + self.username() + " to " + where + ": " + e, e);
        }
        client.logIn(where);
        return client;
    }

    private void logIn(String where) throws IOException {
        send(SEND_CLIENT_ID, username);
        send(CREATE_TOPIC, LOGIN_TOPIC);
        send(JOIN_TOPIC, LOGIN_TOPIC, username);
        try {
            loggedIn.get(LOGIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("login of " + username + " at " + where + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IOException("no " + LOCATE_TOPIC_MSG_ADDR + " after the login of " + username + " at " + where
                    + " within " + LOGIN_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public void publish(Destination destination, LoadMessage message) {
        if (!(destination instanceof Destination.User user)) {
            // no scenario drives FishChat topics; a fan-out over them would need CREATE_TOPIC/JOIN_TOPIC by name
            throw new UnsupportedOperationException("the FishChat client sends p2p messages only, not to group "
                    + destination);
        }
        send(SEND_MESSAGE_P2P, user.account().username(), text(message, payloadBytes), username);
    }

    private void send(String name, String... args) {
        connection.write(frame(name, args));
    }

    /** One command as the Go clients write it: the 4-byte big-endian length, then the body with its newline. */
    static byte[] frame(String name, String... args) {
        ByteBuffer body = FishChatCodec.encode(name, args);
        ByteBuffer frame = ByteBuffer.allocate(TcpFrameConnection.PREFIX_BYTES + body.remaining());
        frame.putInt(body.remaining()).put(body);
        return frame.array();
    }

    /**
     * {@code message} as FishChat text of {@code size} characters: its 32 hex digits, then filler.
     * The other protocols carry {@link LoadMessage#toPayload} bytes, which are not text; these
     * characters are ASCII, so the server stores {@code size} bytes as for every other protocol.
     */
    static String text(LoadMessage message, int size) {
        StringBuilder text = new StringBuilder(size).append(message.toHexId());
        while (text.length() < size) {
            text.append(FILLER);
        }
        return text.toString();
    }

    /** The inverse of {@link #text}. */
    static LoadMessage message(String text) {
        if (text.length() < ID_CHARS) {
            throw new IllegalArgumentException("not a load-generator message: " + text.length() + " characters");
        }
        return LoadMessage.fromHexId(text.substring(0, ID_CHARS));
    }

    @Override
    public void frame(ByteBuffer frame, long now) {
        byte[] body = new byte[frame.remaining() - TcpFrameConnection.PREFIX_BYTES];
        frame.position(frame.position() + TcpFrameConnection.PREFIX_BYTES).get(body);
        FishChatCommand command;
        try {
            command = FishChatCodec.decode(body);
        } catch (MalformedCommandException e) {
            listener.failed("a malformed frame from the FishChat server to " + username + ": " + e.getMessage());
            return;
        }
        if (command.name().equals(RESP_MESSAGE_P2P) && command.has(3)) {
            delivered(command, now);
        } else if (command.name().equals(LOCATE_TOPIC_MSG_ADDR) && command.has(2)
                && command.arg(1).equals(LOGIN_TOPIC)) {
            loggedIn.complete(null);
        } else {
            // this client asks for nothing else: anything else is a server sending what FishChat never sent
            listener.failed("an unexpected " + command.name() + " with " + command.args().size()
                    + " arguments from the FishChat server to " + username);
        }
    }

    /** {@code RESP_MESSAGE_P2P [msg, from, uuid]}: counted, acknowledged, and reported to its publisher. */
    private void delivered(FishChatCommand command, long now) {
        LoadMessage message;
        try {
            message = message(command.arg(0));
        } catch (IllegalArgumentException e) {
            listener.failed("not a load-generator message from " + command.arg(1) + " to " + username + ": "
                    + e.getMessage());
            return;
        }
        listener.received(message, now);
        send(P2P_ACK, username, command.arg(2));
        publishers.delivered(command.arg(1), message, now);
    }

    /** The recipient has {@code message}, published by this client: what stands in for the server's acknowledgement. */
    void deliveredToRecipient(LoadMessage message, long nanoTime) {
        listener.acknowledged(message, nanoTime);
    }

    @Override
    public void lost(String what, Throwable cause) {
        loggedIn.completeExceptionally(new IOException(what));
        if (!closing) {
            listener.failed(what);
        }
    }

    @Override
    public void close() {
        if (!connection.isOpen()) {
            return;
        }
        closing = true;   // FishChat has no logout
        connection.closeAfterPendingWrites();
    }
}
