package io.missive.fishchat;

import io.missive.core.MessagingCore;
import io.missive.core.Publication;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.auth.AuthResult;
import io.missive.core.auth.LoginFailure;
import io.missive.core.auth.TokenVerifier;
import io.missive.core.connection.ConnectionKind;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.session.CloseReason;
import io.missive.core.session.SerialExecutor;
import io.missive.core.store.NamedMembers;
import io.missive.protocol.LruMap;
import io.missive.protocol.ProtocolConnection;
import io.missive.protocol.Protocols;
import io.missive.transport.Sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.missive.fishchat.FishChatCommand.CREATE_TOPIC;
import static io.missive.fishchat.FishChatCommand.JOIN_TOPIC;
import static io.missive.fishchat.FishChatCommand.LOCATE_TOPIC_MSG_ADDR;
import static io.missive.fishchat.FishChatCommand.P2P_ACK;
import static io.missive.fishchat.FishChatCommand.RESP_MESSAGE_P2P;
import static io.missive.fishchat.FishChatCommand.RESP_MESSAGE_TOPIC;
import static io.missive.fishchat.FishChatCommand.SEND_CLIENT_ID;
import static io.missive.fishchat.FishChatCommand.SEND_MESSAGE_P2P;
import static io.missive.fishchat.FishChatCommand.SEND_MESSAGE_TOPIC;
import static io.missive.fishchat.FishChatCommand.SEND_PING;

/**
 * One client of FishChat's message server ({@code protocols/fishchat.md}, decisions.md section
 * FishChat), on the shared {@link ProtocolConnection}: the login by client id (an account, made at
 * the first login unless configured otherwise), private messages stored through the core and
 * delivered as {@code RESP_MESSAGE_P2P}, topics as Missive groups by name.
 *
 * <p>FishChat answered nothing but {@code JOIN_TOPIC}, and its clients take every frame for a
 * message: a bad command is dropped and logged, never answered. Private messages carry a uuid the
 * client may acknowledge with {@code P2P_ACK}; what it does not acknowledge is delivered again at
 * its next login, never resent on the connection (the Android client never acknowledges). Topic
 * messages carry no uuid: they count as delivered once written.
 */
public final class FishChatConnection extends ProtocolConnection<byte[], ByteBuffer> {

    private static final Logger LOG = Logger.getLogger(FishChatConnection.class.getName());
    public static final String PROTOCOL = Protocols.FISHCHAT.name();

    private final FishChatSettings settings;
    private final NamedMembers names;
    private final TokenVerifier tokens;
    /** This message server's address as the client reaches it, for {@code LOCATE_TOPIC_MSG_ADDR}. */
    private final String address;

    // --- mailbox-confined ---
    private String clientId;
    private final ConnectionNames resolved;
    /** Private messages sent and not acknowledged, by the uuid the client saw; as many as the core waits for. */
    private final Map<String, MessageId> unacknowledged;
    private int dropped;
    /** Pushes waiting for the pool to read a name ({@link #push}), in order; null when none wait. */
    private ArrayDeque<Message> awaitingNames;

    public FishChatConnection(MessagingCore core, FishChatSettings settings, NamedMembers names, TokenVerifier tokens,
                              Sink<ByteBuffer> sink, String transport, String address) {
        super(core, sink, PROTOCOL, transport, new Login(SEND_CLIENT_ID, settings.loginTimeoutMillis()));
        this.settings = settings;
        this.names = names;
        this.tokens = tokens;
        this.address = address;
        this.resolved = new ConnectionNames(names);
        this.unacknowledged = new LruMap<>(core.settings().delivery().window());
    }

    // --- the protocol's answers: FishChat has none ---

    @Override
    protected List<ByteBuffer> loginRefused(LoginFailure failure) {
        return switch (failure) {
            case BAD_CREDENTIALS, DISABLED, UNAVAILABLE, DUPLICATE -> List.of();   // the original never refused
        };
    }

    @Override
    protected List<ByteBuffer> serverError() {
        return List.of();
    }

    @Override
    protected List<ByteBuffer> farewell(CloseReason reason) {
        return List.of();
    }

    @Override
    protected String who() {
        return clientId != null ? " (" + clientId + ")" : "";
    }

    // --- commands ---

    /**
     * Every frame is read on the event loop: a command that may read the directory goes on on the pool
     * ({@link #mayRead}), so that a message, an acknowledgement and a ping never leave the loop.
     */
    @Override
    protected boolean handlesWithoutBlocking(byte[] frame) {
        return true;
    }

    @Override
    protected void handle(byte[] frame) {
        FishChatCommand command;
        try {
            command = FishChatCodec.decode(frame);
        } catch (MalformedCommandException e) {
            drop(e.getMessage());
            return;
        }
        if (!SerialExecutor.mayBlockHere() && mayRead(command)) {
            SerialExecutor.continueBlockingHere(() -> handle(command));
            return;
        }
        handle(command);
    }

    /**
     * Whether handling {@code command} may read the directory: a login, a topic made or joined, a message
     * to a name this connection has not resolved yet.
     */
    private boolean mayRead(FishChatCommand command) {
        return switch (command.name()) {
            case SEND_PING, P2P_ACK -> false;
            case SEND_MESSAGE_P2P -> command.has(1) && !resolved.knowsRecipient(command.arg(0));
            case SEND_MESSAGE_TOPIC -> command.has(1) && !resolved.knowsTopic(command.arg(0));
            default -> true;
        };
    }

    private void handle(FishChatCommand command) {
        String name = command.name();
        if (name.equals(SEND_PING)) {
            return;   // liveness is the listener's idle timeout; FishChat never answered a ping
        }
        if (phase() != Phase.OPEN) {
            if (name.equals(SEND_CLIENT_ID)) {
                login(command);
            } else {
                drop(name + " before " + SEND_CLIENT_ID);
            }
            return;
        }
        switch (name) {
            case SEND_MESSAGE_P2P -> sendP2p(command);
            case P2P_ACK -> acknowledge(command);
            case CREATE_TOPIC -> createTopic(command);
            case JOIN_TOPIC -> joinTopic(command);
            case SEND_MESSAGE_TOPIC -> sendToTopic(command);
            case SEND_CLIENT_ID -> drop("a second " + SEND_CLIENT_ID);
            default -> drop("an unknown command " + printable(name));
        }
    }

    /** {@code SEND_CLIENT_ID [id]}, or {@code ["<id>:<access token>"]} where a token is required. */
    private void login(FishChatCommand command) {
        if (!command.has(1)) {
            drop(SEND_CLIENT_ID + " without an id");
            return;
        }
        String id = command.arg(0);
        Optional<Long> tokenUid = Optional.empty();
        if (settings.requireToken()) {
            int colon = id.lastIndexOf(':');
            tokenUid = colon < 0 ? Optional.empty() : tokens.verify(id.substring(colon + 1));
            if (tokenUid.isEmpty()) {
                refuseLogin(LoginFailure.BAD_CREDENTIALS, "no valid access token after the id ("
                        + FishChatSettings.REQUIRE_TOKEN + " is true)");
                return;
            }
            id = id.substring(0, colon);
        }
        if (!id.matches(NamedMembers.USERNAME_PATTERN)) {
            refuseLogin(LoginFailure.BAD_CREDENTIALS, "the id " + printable(id) + " is not a valid user name");
            return;
        }
        // with tokens an account is never made: the token's login proved it exists
        Optional<NamedMembers.Account> account = names.account(id, settings.createUnknown() && !settings.requireToken());
        if (account.isEmpty()) {
            refuseLogin(LoginFailure.BAD_CREDENTIALS, "no account " + id + " (" + FishChatSettings.CREATE_UNKNOWN
                    + " is false)");
            return;
        }
        if (tokenUid.isPresent() && tokenUid.get() != account.get().uid()) {
            refuseLogin(LoginFailure.BAD_CREDENTIALS, "the access token is not " + id + "'s");
            return;
        }
        if (account.get().disabled()) {
            refuseLogin(LoginFailure.DISABLED, "account " + id);
            return;
        }
        LoginFailure failure = openSession(new AuthResult.Accepted(account.get().uid(), id), ConnectionKind.USER,
                settings.duplicateLogin());
        if (failure != null) {
            refuseLogin(failure, "account " + id);
            return;
        }
        clientId = id;
        session().resendAtNextLoginOnly();
        startDelivery();   // FishChat did not answer the login: the stored messages are its answer
    }

    /** {@code SEND_MESSAGE_P2P [to, msg, from]}: stored and delivered; the sender hears nothing, as in FishChat. */
    private void sendP2p(FishChatCommand command) {
        if (!command.has(3)) {
            drop(SEND_MESSAGE_P2P + " with " + command.args().size() + " of its 3 arguments");
            return;
        }
        String to = command.arg(0);
        if (!command.arg(2).equals(clientId)) {
            drop(SEND_MESSAGE_P2P + " from " + printable(command.arg(2)) + ", not the logged-in id");
            return;
        }
        Long uid = resolved.recipient(to);
        if (uid == null) {
            drop(SEND_MESSAGE_P2P + " to " + printable(to) + ", who has no account");
            return;
        }
        publish(new Target.User(uid), command.arg(1), SEND_MESSAGE_P2P + " to " + to, stored -> {
        });
    }

    /** {@code P2P_ACK [id, uuid]}: the push with that uuid is delivered; the id is the client's own and not checked. */
    private void acknowledge(FishChatCommand command) {
        if (!command.has(2)) {
            drop(P2P_ACK + " without a uuid");
            return;
        }
        MessageId id = unacknowledged.remove(command.arg(1));
        if (id != null) {
            session().acknowledge(id);
        } else {
            LOG.fine(() -> "An acknowledgement of an unknown uuid from " + describe());
        }
    }

    /** {@code CREATE_TOPIC [topic]}: the group named so, made if missing, with the creator in it; no answer. */
    private void createTopic(FishChatCommand command) {
        if (!command.has(1) || !ConnectionNames.isTopicName(command.arg(0))) {
            drop(CREATE_TOPIC + " without a topic name of 1 to " + ConnectionNames.MAX_TOPIC_LENGTH + " characters");
            return;
        }
        resolved.createTopic(command.arg(0), session().uid());
    }

    /** {@code JOIN_TOPIC [topic, id]}: joins an existing topic, answered with the server holding it (this one). */
    private void joinTopic(FishChatCommand command) {
        if (!command.has(2)) {
            drop(JOIN_TOPIC + " with " + command.args().size() + " of its 2 arguments");
            return;
        }
        String topic = command.arg(0);
        if (!command.arg(1).equals(clientId)) {
            drop(JOIN_TOPIC + " for " + printable(command.arg(1)) + ", not the logged-in id");
            return;
        }
        Long groupId = resolved.topic(topic);
        if (groupId == null) {
            drop(JOIN_TOPIC + " of " + printable(topic) + ", which nobody created");   // FishChat: no answer
            return;
        }
        resolved.join(groupId, session().uid());
        send(FishChatCodec.encode(LOCATE_TOPIC_MSG_ADDR, address, topic));
    }

    /** {@code SEND_MESSAGE_TOPIC [topic, msg]}: to every member, this client included, as FishChat did. */
    private void sendToTopic(FishChatCommand command) {
        if (!command.has(2)) {
            drop(SEND_MESSAGE_TOPIC + " with " + command.args().size() + " of its 2 arguments");
            return;
        }
        String topic = command.arg(0);
        Long groupId = resolved.topic(topic);
        if (groupId == null) {
            drop(SEND_MESSAGE_TOPIC + " to " + printable(topic) + ", which nobody created");
            return;
        }
        String text = command.arg(1);
        // the core routes to every member's sessions but the sending one: this one gets its copy here
        publish(new Target.Group(groupId), text, SEND_MESSAGE_TOPIC + " to " + topic,
                stored -> send(FishChatCodec.encode(RESP_MESSAGE_TOPIC, topic, text, clientId)));
    }

    private void publish(Target target, String text, String what, Consumer<Message> then) {
        Publication publication = Publication.of(MessageId.random(), target, text.getBytes(StandardCharsets.UTF_8))
                .withTtl(settings.messageTtlMillis());
        publish(publication, new PublishCallback() {
            /** Logs a refusal or writes the sender's copy of a topic message: nothing reads. */
            @Override
            public boolean mayBlock() {
                return false;
            }

            @Override
            public void accepted(Message stored) {
                then.accept(stored);
            }

            @Override
            public void refused(Refusal refusal, String detail) {
                drop(what + " was refused: " + detail);
            }
        });
    }

    // --- outbound, from the core (on the mailbox) ---

    /** A push is encoded and written; a name not cached yet is read on the pool ({@link #push}). */
    @Override
    public boolean pushesWithoutBlocking() {
        return true;
    }

    /**
     * A private message as {@code RESP_MESSAGE_P2P [msg, from, uuid]}, a group's as {@code RESP_MESSAGE_TOPIC}.
     * On the event loop, a push whose sender's or topic's name is not cached waits, with every push after it
     * in this turn, for the pool, which reads the name and writes them in order.
     */
    @Override
    public void push(Message message) {
        if (phase() != Phase.OPEN) {
            return;
        }
        if (awaitingNames != null) {
            awaitingNames.add(message);
            return;
        }
        if (SerialExecutor.mayBlockHere()) {
            write(message, resolved.pushNames(message));
            return;
        }
        // the names checked are the names written: the directory's cache may be emptied meanwhile
        ConnectionNames.PushNames atHand = resolved.pushNamesAtHand(message);
        if (atHand != null) {
            write(message, atHand);
        } else {
            awaitingNames = new ArrayDeque<>();
            awaitingNames.add(message);
            SerialExecutor.continueBlockingHere(this::writeAwaitingNames);
        }
    }

    private void writeAwaitingNames() {
        ArrayDeque<Message> waiting = awaitingNames;
        awaitingNames = null;
        for (Message message : waiting) {
            if (phase() == Phase.OPEN) {
                write(message, resolved.pushNames(message));
            }
        }
    }

    private void write(Message message, ConnectionNames.PushNames pushNames) {
        String text = new String(message.payload(), StandardCharsets.UTF_8);
        String from = pushNames.sender();
        if (message.target() instanceof Target.User) {
            String uuid = FishChatCodec.uuidOf(message.id());
            unacknowledged.put(uuid, message.id());
            send(FishChatCodec.encode(RESP_MESSAGE_P2P, text, from, uuid));
            return;
        }
        if (message.groupId() == 0) {
            session().deliveredOnWrite(message.id());   // a channel's message has no FishChat form
            return;
        }
        // no uuid: nothing to acknowledge it with
        sendUnacknowledged(FishChatCodec.encode(RESP_MESSAGE_TOPIC, pushNames.topic(), text, from), message.id());
    }

    // --- helpers ---

    /**
     * Drops a command FishChat would have ignored: one INFO line for the first of a connection, FINE
     * after, so that a client repeating a mistake cannot flood the log.
     */
    private void drop(String why) {
        Level level = dropped++ == 0 ? Level.INFO : Level.FINE;
        LOG.log(level, () -> "MSV1021 Dropped a FishChat command from " + describe() + ": " + why);
    }

    /** A client's string for a log line: quoted, cut short, controls escaped. */
    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        StringBuilder out = new StringBuilder(cut.length() + 2).append('\'');
        cut.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('\'').toString();
    }
}
