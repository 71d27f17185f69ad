package io.missive.bench.client;

import io.missive.text.MalformedTextFrameException;
import io.missive.text.TextCodec;
import io.missive.text.TextCommand;
import io.missive.text.TextFrame;
import jakarta.json.Json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One device on the text push protocol: sends the magic and IDENTIFY (with its token, and
 * {@code "confirm": true} so that it confirms every message frame with FIN, as the binary clients
 * acknowledge every push), subscribes to its own channel and its groups' channels, publishes with
 * PUB and counts a publish as acknowledged at {@code ACK 1} (committed). PUB's message id is only a
 * number, so the messages in flight wait in a map under it.
 */
final class TextPushClient implements MessagingClient, TcpFrameConnection.Frames {

    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(30);
    /** The protocol's default: the publishers and subscribers send all the time, the pauses between steps are shorter. */
    private static final int HEARTBEAT_SECONDS = 300;

    private final int payloadBytes;
    private final DeliveryListener listener;
    private final long deviceId;
    /** Answers awaited for IDENTIFY and SUB, in order: the server answers commands in order. */
    private final ConcurrentLinkedQueue<CompletableFuture<String>> responses = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<Long, LoadMessage> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong nextMessageId = new AtomicLong();
    // set once the socket is open, read by the selector thread (a push is acknowledged from there)
    private volatile TcpFrameConnection connection;
    private volatile boolean closing;

    private TextPushClient(long deviceId, int payloadBytes, DeliveryListener listener) {
        this.deviceId = deviceId;
        this.payloadBytes = payloadBytes;
        this.listener = listener;
    }

    static TextPushClient connect(Selector selector, InetSocketAddress address, BenchAccount device,
                                  List<Destination.Group> groups, int payloadBytes, DeliveryListener listener)
            throws IOException {
        TextPushClient client = new TextPushClient(device.uid(), payloadBytes, listener);
        String where = "text://" + address.getHostString() + ":" + address.getPort();
        try {
            client.connection = TcpFrameConnection.open(selector, address, LOGIN_TIMEOUT, client);
        } catch (IOException e) {
            throw new IOException("cannot connect device " + device.uid() + " to " + where + ": " + e, e);
        }
        try {
            client.connection.write(TextCodec.magic());
            byte[] identify = Json.createObjectBuilder().add("client_id", device.uid()).add("token", device.password())
                    .add("heartbeat_interval", HEARTBEAT_SECONDS).add("confirm", true).build().toString()
                    .getBytes(StandardCharsets.UTF_8);
            client.command(new TextCommand.Identify(identify));
            client.command(new TextCommand.Sub(device.uid()));
            for (Destination.Group group : groups) {
                client.command(new TextCommand.Sub(group.id()));
            }
            return client;
        } catch (IOException e) {
            client.connection.abort();
            throw new IOException("device " + device.uid() + " at " + where + ": " + e.getMessage(), e);
        }
    }

    /** Sends a command that the server answers with a response, and waits for {@code OK}. */
    private void command(TextCommand command) throws IOException {
        CompletableFuture<String> answer = new CompletableFuture<>();
        responses.add(answer);
        connection.write(TextCodec.encodeCommand(command));
        try {
            String text = answer.get(LOGIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!text.equals(TextFrame.Response.OK.text())) {
                throw new IOException(command.getClass().getSimpleName() + " answered " + text);
            }
        } catch (ExecutionException e) {
            throw new IOException(command.getClass().getSimpleName() + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer to " + command.getClass().getSimpleName() + " within " + LOGIN_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public void publish(Destination destination, LoadMessage message) {
        long id = nextMessageId.incrementAndGet();
        inFlight.put(id, message);
        byte[] body = message.toPayload(payloadBytes);
        TextCommand.Pub pub = destination instanceof Destination.User user
                ? new TextCommand.Pub(user.account().uid(), user.account().uid(), id, body)
                : new TextCommand.Pub(0, ((Destination.Group) destination).id(), id, body);
        connection.write(TextCodec.encodeCommand(pub));
    }

    @Override
    public void frame(ByteBuffer frame, long now) {
        TextFrame decoded;
        try {
            decoded = TextCodec.decodeServerFrame(frame);
        } catch (MalformedTextFrameException e) {
            listener.failed("malformed frame from the server: " + e.getMessage());
            return;
        }
        if (decoded instanceof TextFrame.Message message) {
            // a resend (attempts above 1) of a message this device confirmed at once is not a new arrival
            if (message.attempts() == 1) {
                listener.received(LoadMessage.fromPayload(message.body()), now);
            }
            connection.write(TextCodec.encodeCommand(new TextCommand.Fin(message.messageId())));
        } else if (decoded instanceof TextFrame.Ack ack) {
            LoadMessage published = inFlight.remove(ack.messageId());
            if (!ack.accepted()) {
                listener.failed("ACK 0 for PUB " + ack.messageId() + " of device " + deviceId);
            } else if (published != null) {
                listener.acknowledged(published, now);
            }
        } else if (decoded instanceof TextFrame.Response response) {
            if (!response.text().equals(TextFrame.Response.HEARTBEAT.text())) {
                CompletableFuture<String> awaited = responses.poll();
                if (awaited != null) {
                    awaited.complete(response.text());
                }
            }
        } else if (decoded instanceof TextFrame.Error error) {
            String what = "the server sent " + error.code() + " " + error.text();
            failAwaited(what);
            if (!closing) {
                listener.failed(what);
            }
        }
    }

    @Override
    public void lost(String what, Throwable cause) {
        failAwaited(what);
        if (!closing) {
            listener.failed(what);
        }
    }

    private void failAwaited(String what) {
        for (CompletableFuture<String> awaited = responses.poll(); awaited != null; awaited = responses.poll()) {
            awaited.completeExceptionally(new IOException(what));
        }
    }

    @Override
    public void close() {
        if (!connection.isOpen()) {
            return;
        }
        closing = true;
        connection.write(TextCodec.encodeCommand(TextCommand.Close.INSTANCE));
        connection.closeAfterPendingWrites();
    }
}
