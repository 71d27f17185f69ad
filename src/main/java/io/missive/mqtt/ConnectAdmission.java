package io.missive.mqtt;

import io.missive.core.auth.AuthResult;
import io.missive.core.auth.LoginFailure;
import io.missive.core.pubsub.PubSubEngine;
import io.missive.core.pubsub.PubSubMessage;
import io.missive.core.pubsub.TopicFilter;
import io.missive.core.session.EventLoop;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a CONNECT is accepted (MQTT 3.1.1, 3.1 and 3.2.2.3), and with what: the client id
 * (a server-made one for an empty id with a clean session), the user through Missive's
 * authenticator, the client's publish/subscribe session, the will and the keep-alive.
 */
final class ConnectAdmission {

    /** What becomes of a CONNECT. */
    sealed interface Outcome {
        /** Refused for a reason of MQTT's own: CONNACK with {@code code}. */
        record Refused(MqttConnectReturnCode code, String why) implements Outcome {
        }

        /** A protocol violation MQTT has no CONNACK code for (4.8.0-1): the connection closes without one. */
        record Violation(String why) implements Outcome {
        }

        /** The authenticator refused the user. */
        record LoginRefused(LoginFailure failure, String username) implements Outcome {
        }

        /**
         * @param username null for an anonymous client
         * @param will     null without one
         */
        record Admitted(String clientId, String username, long uid, PubSubEngine.Opening.Opened opened,
                        PubSubMessage will, long keepAliveMillis) implements Outcome {
        }
    }

    private final PubSubEngine engine;
    private final MqttSettings settings;
    /** The connection's event loop, for a new session's mailbox; null where the transport has none. */
    private final EventLoop loop;

    ConnectAdmission(PubSubEngine engine, MqttSettings settings, EventLoop loop) {
        this.engine = engine;
        this.settings = settings;
        this.loop = loop;
    }

    /** CONNACK's code for a login the core refused (3.2.2.3): the one mapping of MQTT's. */
    static MqttConnectReturnCode returnCode(LoginFailure failure) {
        return switch (failure) {
            case BAD_CREDENTIALS -> MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
            case DISABLED -> MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
            case UNAVAILABLE -> MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            // MQTT's identity is the client id, which takes over (3.1.4-2); kept total for the compiler
            case DUPLICATE -> MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
        };
    }

    /** A CONNECT the decoder could not read but MQTT answers with a code (3.1.2.2, 3.1.3.1); null for the others. */
    static Outcome.Refused undecodable(Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            return new Outcome.Refused(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
                    cause.getMessage());
        }
        if (cause instanceof MqttIdentifierRejectedException) {
            return new Outcome.Refused(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, cause.getMessage());
        }
        return null;
    }

    /**
     * The checks of a CONNECT before its credentials: the will topic, the client id, anonymous clients.
     * Answers the outcome of a CONNECT they refuse, or null when it goes on to {@link #admit}.
     */
    Outcome check(MqttConnectMessage connect) {
        if (connect.variableHeader().isWillFlag() && !TopicFilter.isValidTopicName(connect.payload().willTopic())) {
            // a topic name has no wildcard (4.7.1-1) and is not empty (4.7.3-1); checked before the costly login
            return new Outcome.Violation("a will topic '" + connect.payload().willTopic()
                    + "' that is empty or holds a wildcard");
        }
        String id = connect.payload().clientIdentifier();
        if ((id == null || id.isEmpty()) && !connect.variableHeader().isCleanSession()) {
            return new Outcome.Refused(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                    "an empty client id needs a clean session");
        }
        if (username(connect) == null && !settings.allowAnonymous()) {
            return new Outcome.Refused(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                    "anonymous clients are not allowed");
        }
        return null;
    }

    /** The CONNECT's user name; null for an anonymous client. */
    static String username(MqttConnectMessage connect) {
        return connect.variableHeader().hasUserName() ? connect.payload().userName() : null;
    }

    /** The CONNECT's password, as text; empty without one. */
    static String password(MqttConnectMessage connect) {
        byte[] password = connect.variableHeader().hasPassword() ? connect.payload().passwordInBytes() : new byte[0];
        return new String(password, StandardCharsets.UTF_8);
    }

    /**
     * Admits a CONNECT that passed {@link #check}, given its credentials' check ({@code login}, null for an
     * anonymous client): opens (or resumes) the client's session. Blocks until the session is stored.
     */
    Outcome admit(MqttConnectMessage connect, AuthResult login) {
        String name = null;
        long uid = 0;
        if (login != null) {
            if (!(login instanceof AuthResult.Accepted accepted)) {
                return new Outcome.LoginRefused(login.failure(), username(connect));
            }
            uid = accepted.uid();
            name = accepted.username();
        }
        boolean clean = connect.variableHeader().isCleanSession();
        String id = connect.payload().clientIdentifier();
        if (id == null || id.isEmpty()) {
            id = "missive-" + UUID.randomUUID();
        }
        PubSubEngine.Opening opening = engine.open(id, name, clean, loop);
        if (opening instanceof PubSubEngine.Opening.Full full) {
            return new Outcome.Refused(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, "client id " + id
                    + " asked for a new persistent session; there are " + full.maxPersistentSessions()
                    + " already (missive.mqtt.max-persistent-sessions)");
        }
        if (!(opening instanceof PubSubEngine.Opening.Opened opened)) {
            return new Outcome.Refused(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                    "client id " + id + " belongs to another user's session");
        }
        if (!stored(opened)) {
            engine.abandon(opened.session());
            return new Outcome.Refused(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                    "the session of client id " + id + " could not be stored (opened, or the old one deleted)");
        }
        PubSubMessage will = !connect.variableHeader().isWillFlag() ? null
                : new PubSubMessage(0, connect.payload().willTopic(), connect.payload().willMessageInBytes(),
                        connect.variableHeader().willQos(), connect.variableHeader().isWillRetain());
        return new Outcome.Admitted(id, name, uid, opened, will, connect.variableHeader().keepAliveTimeSeconds() * 1000L);
    }

    /** Waits, as the authenticator's call does, for the session's writes to commit: CONNACK 0 promises them. */
    private boolean stored(PubSubEngine.Opening.Opened opened) {
        try {
            return opened.stored().get(settings.connectTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
