package io.missive.text;

import io.missive.core.MessagingCore;
import io.missive.core.OpenResult;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.auth.AuthResult;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.connection.Peer;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.ClientSession;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.core.session.SerialExecutor;
import io.missive.core.session.SessionOutbound;
import io.missive.core.timer.Tickable;
import io.missive.transport.CloseKind;
import io.missive.transport.FrameSink;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One connection speaking the text push protocol (seed 001): a device identifies with its
 * device id and token, subscribes to channels, publishes to a device or a whole channel, and
 * receives message frames. Commands are handed to the connection's mailbox, so its state needs no
 * lock; writes go to the {@link FrameSink}, which never blocks.
 *
 * <p>Delivery: a client that sent {@code "confirm": true} in IDENTIFY confirms each message with
 * {@code FIN <id>}, and an unconfirmed message is resent like any push (every 2 s, 3 times, then
 * the connection is closed and the message stays pending). A client written for the seed alone
 * cannot confirm; for it a message counts as delivered once it is handed to the connection.
 */
public final class TextSession implements SessionOutbound, Tickable {

    private static final Logger LOG = Logger.getLogger(TextSession.class.getName());
    public static final String PROTOCOL = "text";

    private enum State { AWAITING_IDENTIFY, OPEN, CLOSED }

    private final MessagingCore core;
    private final TextSettings settings;
    private final FrameSink sink;
    private final String transport;
    private final boolean trusted;
    private final SerialExecutor mailbox;

    private volatile long identifyDeadline;
    // --- mailbox-confined ---
    private State state = State.AWAITING_IDENTIFY;
    private ClientSession session;
    private boolean confirm;
    private long heartbeatIntervalMillis;
    private long lastHeardAt;
    /** Sends per unconfirmed message, for the frame's attempts field (confirming clients only). */
    private final Map<MessageId, Integer> attempts = new HashMap<>();

    /**
     * @param transport a short name for logs ("tcp", "tls")
     * @param trusted   whether the listener is trusted: the device id alone identifies, no token needed
     */
    public TextSession(MessagingCore core, TextSettings settings, FrameSink sink, String transport, boolean trusted) {
        this.core = core;
        this.settings = settings;
        this.sink = sink;
        this.transport = transport;
        this.trusted = trusted;
        this.mailbox = core.newMailbox();
        this.identifyDeadline = core.clock().millis() + settings.identifyTimeoutMillis();
        core.deadlines().watch(this);
    }

    // --- inbound, from the transport ---

    /** One decoded command, in order, from the transport's I/O thread. */
    public void onCommand(TextCommand command) {
        mailbox.execute(() -> handle(command));
    }

    /** The transport's outbound queue passed its bound: the device does not read. */
    public void onBackpressure() {
        mailbox.execute(() -> {
            if (state == State.OPEN) {
                LOG.warning(() -> "Disconnecting " + describe() + ": " + CloseReason.TOO_SLOW.text());
                session.disconnect(CloseReason.TOO_SLOW);
            } else {
                refuse(CloseKind.POLICY, null, CloseReason.TOO_SLOW.text());
            }
        });
    }

    /** The connection is gone, whoever closed it. */
    public void onClosed() {
        mailbox.execute(() -> {
            state = State.CLOSED;
            core.deadlines().forget(this);
            if (session != null) {
                session.transportClosed();
            }
        });
    }

    // --- the identify timer ---

    @Override
    public long deadline() {
        return identifyDeadline;
    }

    @Override
    public void fire(long nowMillis) {
        identifyDeadline = Long.MAX_VALUE;
        mailbox.execute(() -> {
            if (state == State.AWAITING_IDENTIFY) {
                refuse(CloseKind.POLICY, null, "no IDENTIFY within " + settings.identifyTimeoutMillis() + " ms");
            }
        });
    }

    // --- commands ---

    private void handle(TextCommand command) {
        if (state == State.CLOSED) {
            return;
        }
        lastHeardAt = core.clock().millis();
        if (command instanceof TextCommand.Malformed malformed) {
            refuse(CloseKind.PROTOCOL_ERROR, new TextFrame.Error(malformed), malformed.code() + " " + malformed.detail());
        } else if (command instanceof TextCommand.Heartbeat) {
            send(TextFrame.Response.HEARTBEAT);
        } else if (command instanceof TextCommand.Close) {
            send(TextFrame.Response.CLOSE_WAIT);
            state = State.CLOSED;
            if (session != null) {
                session.transportClosed();
            }
            core.deadlines().forget(this);
            sink.close(CloseKind.NORMAL, "client sent CLS");
        } else if (command instanceof TextCommand.Identify identify) {
            if (state == State.OPEN) {
                refuse(CloseKind.PROTOCOL_ERROR, new TextFrame.Error(TextErrorCode.E_INVALID, "already identified"),
                        "a second IDENTIFY");
            } else {
                identify(identify);
            }
        } else if (state != State.OPEN) {
            refuse(CloseKind.PROTOCOL_ERROR, new TextFrame.Error(TextErrorCode.E_INVALID_CLIENT, "IDENTIFY first"),
                    command.getClass().getSimpleName() + " before IDENTIFY");
        } else if (command instanceof TextCommand.Sub sub) {
            core.subscribe(session.uid(), sub.channelId());
            send(TextFrame.Response.OK);
        } else if (command instanceof TextCommand.Unsub unsub) {
            core.unsubscribe(session.uid(), unsub.channelId());
            send(TextFrame.Response.OK);
        } else if (command instanceof TextCommand.Pub pub) {
            publish(pub);
        } else if (command instanceof TextCommand.Fin fin) {
            MessageId id = MessageId.ofText(fin.messageId());
            attempts.remove(id);
            session.acknowledge(id);
        }
    }

    private void identify(TextCommand.Identify identify) {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(identify.json()))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            refuse(CloseKind.PROTOCOL_ERROR, new TextFrame.Error(TextErrorCode.E_BAD_BODY, "IDENTIFY needs a JSON object"),
                    "IDENTIFY body is not a JSON object");
            return;
        }
        Long clientId = longField(json, "client_id");
        if (clientId == null || clientId <= 0) {
            refuse(CloseKind.PROTOCOL_ERROR, new TextFrame.Error(TextErrorCode.E_INVALID, "client_id must be a positive integer"),
                    "IDENTIFY without a good client_id");
            return;
        }
        JsonValue interval = json.get("heartbeat_interval");
        Long requested = longField(json, "heartbeat_interval");
        if (interval != null && interval != JsonValue.NULL && (requested == null || requested <= 0)) {
            refuse(CloseKind.PROTOCOL_ERROR, new TextFrame.Error(TextErrorCode.E_INVALID,
                    "heartbeat_interval must be a positive number of seconds"), "IDENTIFY with a bad heartbeat_interval");
            return;
        }
        String token = json.get("token") instanceof JsonString s ? s.getString() : null;
        confirm = json.get("confirm") == JsonValue.TRUE;

        AuthResult result = core.authenticateDevice(clientId, token, !trusted);
        if (result instanceof AuthResult.Accepted accepted) {
            OpenResult opened = core.open(accepted.uid(), accepted.username(),
                    new Peer(PROTOCOL, transport, sink.remoteAddress(), ConnectionKind.DEVICE), this, mailbox,
                    DuplicateLoginPolicy.REPLACE);
            if (opened instanceof OpenResult.Opened o) {
                session = o.session();
                state = State.OPEN;
                core.deadlines().forget(this);
                heartbeatIntervalMillis = settings.heartbeatIntervalMillis(requested);
                send(TextFrame.Response.OK);
                session.wakeAdapterAt(lastHeardAt + 2 * heartbeatIntervalMillis);
                session.start();
            } else {
                refuse(CloseKind.POLICY, new TextFrame.Error(TextErrorCode.E_INVALID_CLIENT, "connected elsewhere"),
                        "device " + clientId + " is connected already");
            }
        } else if (result instanceof AuthResult.Unavailable unavailable) {
            refuse(CloseKind.SERVER_ERROR, new TextFrame.Error(TextErrorCode.E_INVALID_CLIENT,
                    "cannot check the device now; try again later"), "device check unavailable: " + unavailable.reason());
        } else {
            String why = result instanceof AuthResult.Disabled ? "disabled" : "unknown device or bad token";
            refuse(CloseKind.POLICY, new TextFrame.Error(TextErrorCode.E_INVALID_CLIENT, why),
                    "device " + clientId + ": " + why);
        }
    }

    private static Long longField(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    private void publish(TextCommand.Pub pub) {
        if (pub.body().length == 0) {
            send(new TextFrame.Ack(false, pub.messageId(), pub.clientId()));
            return;
        }
        Target target = pub.toWholeChannel() ? new Target.Channel(pub.channelId())
                : new Target.ChannelPart(pub.channelId(), new long[]{pub.clientId()});
        core.publish(session, MessageId.random(), target, pub.body(), 0, new PublishCallback() {
            @Override
            public void accepted(Message stored) {
                send(new TextFrame.Ack(true, pub.messageId(), pub.clientId()));
            }

            @Override
            public void refused(Refusal refusal, String detail) {
                LOG.fine(() -> "PUB refused on " + describe() + ": " + detail);
                send(new TextFrame.Ack(false, pub.messageId(), pub.clientId()));
            }
        });
    }

    // --- outbound, from the core (on the mailbox) ---

    @Override
    public void push(Message m) {
        if (state != State.OPEN) {
            return;
        }
        int attempt = confirm ? attempts.merge(m.id(), 1, Integer::sum) : 1;
        // the system user (a business back end's /put) is sender 0, as docs/protocol-text.md says
        long sender = m.senderUid() == MessagingCore.SYSTEM_UID ? 0 : m.senderUid();
        send(new TextFrame.Message(m.createdAtMillis(), attempt, m.id().toText(), m.target().channelId(),
                sender, m.payload()));
        if (!confirm) {
            session.acknowledge(m.id());
        }
    }

    @Override
    public void close(CloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        core.deadlines().forget(this);
        LOG.info(() -> "Closing " + describe() + ": " + reason.text());
        if (reason != CloseReason.TOO_SLOW) {
            send(new TextFrame.Error(TextErrorCode.E_CLOSED, reason.text()));
        }
        sink.close(reason == CloseReason.SHUTDOWN ? CloseKind.GOING_AWAY : CloseKind.POLICY, reason.text());
    }

    @Override
    public long onDeadline(long nowMillis) {
        if (state != State.OPEN) {
            return Long.MAX_VALUE;
        }
        long silentUntil = lastHeardAt + 2 * heartbeatIntervalMillis;
        if (nowMillis >= silentUntil) {
            LOG.info(() -> "Closing " + describe() + ": silent for twice its heartbeat interval ("
                    + heartbeatIntervalMillis + " ms)");
            session.disconnect(CloseReason.SILENT);
            return Long.MAX_VALUE;
        }
        return silentUntil;
    }

    // --- helpers ---

    private void send(TextFrame frame) {
        sink.send(TextCodec.encode(frame));
    }

    /** Answers {@code error} (if any), logs the reason once and closes the connection. */
    private void refuse(CloseKind kind, TextFrame.Error error, String why) {
        if (error != null) {
            send(error);
        }
        LOG.info(() -> "Closing " + describe() + ": " + why);
        state = State.CLOSED;
        core.deadlines().forget(this);
        if (session != null) {
            session.transportClosed();
        }
        sink.close(kind, why);
    }

    private String describeTransport() {
        return transport + "://" + sink.remoteAddress();
    }

    private String describe() {
        return PROTOCOL + " connection " + describeTransport()
                + (session != null ? " (device " + session.uid() + ")" : "");
    }
}
