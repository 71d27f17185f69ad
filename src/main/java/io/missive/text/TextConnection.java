package io.missive.text;

import io.missive.config.SharedJson;
import io.missive.core.Publication;
import io.missive.core.MessagingCore;
import io.missive.core.PublishCallback;
import io.missive.core.auth.AuthResult;
import io.missive.core.Refusal;
import io.missive.core.auth.LoginFailure;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.CloseReason;
import io.missive.core.session.DuplicateLoginPolicy;
import io.missive.protocol.ProtocolConnection;
import io.missive.protocol.Protocols;
import io.missive.transport.CloseKind;
import io.missive.transport.Sink;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One connection speaking the text push protocol (seed 001): a device identifies with its
 * device id and token, subscribes to channels, publishes to a device or a whole channel, and
 * receives message frames: its state machine on the shared {@link ProtocolConnection}.
 *
 * <p>Delivery: a client that sent {@code "confirm": true} in IDENTIFY confirms each message with
 * {@code FIN <id>}, and an unconfirmed message is resent like any push (every 2 s, 3 times, then
 * the connection is closed and the message stays pending). A client written for the seed alone
 * cannot confirm; for it a message counts as delivered once a live connection's transport took it.
 */
public final class TextConnection extends ProtocolConnection<TextCommand, ByteBuffer> {

    private static final Logger LOG = Logger.getLogger(TextConnection.class.getName());
    public static final String PROTOCOL = Protocols.TEXT.name();

    private final TextSettings settings;
    private final boolean trusted;

    // --- mailbox-confined ---
    private boolean confirm;
    private long heartbeatIntervalMillis;
    /** Sends per unconfirmed message, for the frame's attempts field (confirming clients only). */
    private final Map<MessageId, Integer> attempts = new HashMap<>();

    /**
     * @param transport a short name for logs ("tcp", "tls")
     * @param trusted   whether the listener is trusted: the device id alone identifies, no token needed
     */
    public TextConnection(MessagingCore core, TextSettings settings, Sink<ByteBuffer> sink, String transport,
                          boolean trusted) {
        super(core, sink, PROTOCOL, transport, new Login("IDENTIFY", settings.identifyTimeoutMillis()));
        this.settings = settings;
        this.trusted = trusted;
    }

    // --- the protocol's answers ---

    @Override
    protected List<ByteBuffer> loginRefused(LoginFailure failure) {
        String why = switch (failure) {
            case BAD_CREDENTIALS -> "unknown device or bad token";
            case DISABLED -> "disabled";
            case UNAVAILABLE -> "cannot check the device now; try again later";
            case DUPLICATE -> "connected elsewhere";
        };
        return List.of(encode(new TextFrame.Error(TextErrorCode.E_INVALID_CLIENT, why)));
    }

    @Override
    protected List<ByteBuffer> serverError() {
        return List.of(encode(new TextFrame.Error(TextErrorCode.E_INTERNAL, "server error; try again later")));
    }

    @Override
    protected List<ByteBuffer> farewell(CloseReason reason) {
        // a client that does not read would not read this either
        return reason == CloseReason.TOO_SLOW ? List.of()
                : List.of(encode(new TextFrame.Error(TextErrorCode.E_CLOSED, reason.text())));
    }

    @Override
    protected String who() {
        return session() != null ? " (device " + session().uid() + ")" : "";
    }

    // --- commands ---

    /**
     * FIN, the heartbeat and PUB run on the transport's thread: they acknowledge, answer or queue a write
     * (a PUB to a channel whose subscribers are not cached goes on on the pool).
     */
    @Override
    protected boolean handlesWithoutBlocking(TextCommand command) {
        return command instanceof TextCommand.Fin || command instanceof TextCommand.Heartbeat
                || command instanceof TextCommand.Pub;
    }

    /** A push is encoded and written, nothing read. */
    @Override
    public boolean pushesWithoutBlocking() {
        return true;
    }

    @Override
    protected void handle(TextCommand command) {
        if (command instanceof TextCommand.Malformed malformed) {
            refuse(new TextFrame.Error(malformed), malformed.code() + " " + malformed.detail());
        } else if (command instanceof TextCommand.Heartbeat) {
            send(encode(TextFrame.Response.HEARTBEAT));
        } else if (command instanceof TextCommand.Close) {
            closeAsAsked("client sent CLS", List.of(encode(TextFrame.Response.CLOSE_WAIT)));
        } else if (command instanceof TextCommand.Identify identify) {
            if (phase() == Phase.OPEN) {
                refuse(new TextFrame.Error(TextErrorCode.E_INVALID, "already identified"), "a second IDENTIFY");
            } else {
                identify(identify);
            }
        } else if (phase() != Phase.OPEN) {
            refuse(new TextFrame.Error(TextErrorCode.E_INVALID_CLIENT, "IDENTIFY first"),
                    command.getClass().getSimpleName() + " before IDENTIFY");
        } else if (command instanceof TextCommand.Sub sub) {
            core.subscribe(session().uid(), sub.channelId());
            send(encode(TextFrame.Response.OK));
        } else if (command instanceof TextCommand.Unsub unsub) {
            core.unsubscribe(session().uid(), unsub.channelId());
            send(encode(TextFrame.Response.OK));
        } else if (command instanceof TextCommand.Pub pub) {
            publish(pub);
        } else if (command instanceof TextCommand.Fin fin) {
            MessageId id = MessageId.ofText(fin.messageId());
            attempts.remove(id);
            session().acknowledge(id);
        }
    }

    private void identify(TextCommand.Identify identify) {
        JsonObject json;
        try {
            json = SharedJson.readObject(identify.json());
        } catch (JsonException e) {
            refuse(new TextFrame.Error(TextErrorCode.E_BAD_BODY, "IDENTIFY needs a JSON object"),
                    "IDENTIFY body is not a JSON object");
            return;
        }
        Long clientId = longField(json, "client_id");
        if (clientId == null || clientId <= 0) {
            refuse(new TextFrame.Error(TextErrorCode.E_INVALID, "client_id must be a positive integer"),
                    "IDENTIFY without a good client_id");
            return;
        }
        JsonValue interval = json.get("heartbeat_interval");
        Long requested = longField(json, "heartbeat_interval");
        if (interval != null && interval != JsonValue.NULL && (requested == null || requested <= 0)) {
            refuse(new TextFrame.Error(TextErrorCode.E_INVALID, "heartbeat_interval must be a positive number of seconds"),
                    "IDENTIFY with a bad heartbeat_interval");
            return;
        }
        String token = json.get("token") instanceof JsonString s ? s.getString() : null;
        confirm = json.get("confirm") == JsonValue.TRUE;

        checkDevice(clientId, token, !trusted, result -> identified(clientId, requested, result));
    }

    private void identified(long clientId, Long requestedHeartbeat, AuthResult result) {
        LoginFailure failure = openSession(result, ConnectionKind.DEVICE, DuplicateLoginPolicy.REPLACE);
        if (failure != null) {
            refuseLogin(failure, "device " + clientId);
            return;
        }
        heartbeatIntervalMillis = settings.heartbeatIntervalMillis(requestedHeartbeat);
        send(encode(TextFrame.Response.OK));
        wakeAt(lastReceivedAt() + 2 * heartbeatIntervalMillis);
        startDelivery();
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
            send(encode(new TextFrame.Ack(false, pub.messageId(), pub.clientId())));
            return;
        }
        Target target = pub.toWholeChannel() ? new Target.Channel(pub.channelId())
                : new Target.ChannelPart(pub.channelId(), new long[]{pub.clientId()});
        publish(Publication.of(MessageId.random(), target, pub.body()), new PublishCallback() {
            @Override
            public void accepted(Message stored) {
                send(encode(new TextFrame.Ack(true, pub.messageId(), pub.clientId())));
            }

            @Override
            public void refused(Refusal refusal, String detail) {
                LOG.fine(() -> "PUB refused on " + describe() + ": " + detail);
                send(encode(new TextFrame.Ack(false, pub.messageId(), pub.clientId())));
            }

            @Override
            public boolean mayBlock() {
                return false;
            }
        });
    }

    // --- outbound, from the core (on the mailbox) ---

    @Override
    public void push(Message m) {
        if (phase() != Phase.OPEN) {
            return;
        }
        int attempt = confirm ? attempts.merge(m.id(), 1, Integer::sum) : 1;
        // the system user (a business back end's /put) is sender 0, as docs/protocol-text.md says
        long sender = m.senderUid() == MessagingCore.SYSTEM_UID ? 0 : m.senderUid();
        ByteBuffer frame = encode(new TextFrame.Message(m.createdAtMillis(), attempt, m.id().toText(),
                m.target().channelId(), sender, m.payload()));
        if (confirm) {
            send(frame);
        } else {
            sendUnacknowledged(frame, m.id());
        }
    }

    /** The heartbeat rule: a device silent for twice its interval is dropped. */
    @Override
    protected long onTimer(long nowMillis) {
        long silentUntil = lastReceivedAt() + 2 * heartbeatIntervalMillis;
        if (nowMillis >= silentUntil) {
            session().disconnect(CloseReason.SILENT);
            return Long.MAX_VALUE;
        }
        return silentUntil;
    }

    /** Answers {@code error}, logs the reason once and closes the connection. */
    private void refuse(TextFrame.Error error, String why) {
        closeConnection(CloseKind.PROTOCOL_ERROR, why, List.of(encode(error)));
    }

    private static ByteBuffer encode(TextFrame frame) {
        return TextCodec.encode(frame);
    }
}
