package io.missive.fishchat;

import io.missive.core.MessagingCore;
import io.missive.core.auth.LoginFailure;
import io.missive.core.model.Message;
import io.missive.core.session.CloseReason;
import io.missive.protocol.ProtocolConnection;
import io.missive.protocol.Protocols;
import io.missive.transport.Sink;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One client of FishChat's gateway: {@code REQ_MSG_SERVER} is answered with one
 * {@code SELECT_MSG_SERVER_FOR_CLIENT ["host:port"]}, a message server's address, and the
 * connection closes. Anything else is ignored, as the original gateway did; a client that asks
 * nothing within the login timeout is closed.
 */
public final class FishChatGatewayConnection extends ProtocolConnection<byte[], ByteBuffer> {

    private static final Logger LOG = Logger.getLogger(FishChatGatewayConnection.class.getName());

    private final Supplier<String> messageServer;

    /** @param messageServer the address to hand out, asked at each request (the least loaded node's, in a cluster) */
    public FishChatGatewayConnection(MessagingCore core, FishChatSettings settings, Sink<ByteBuffer> sink,
                                     String transport, Supplier<String> messageServer) {
        super(core, sink, Protocols.FISHCHAT_GATEWAY.name(), transport,
                new Login(FishChatCommand.REQ_MSG_SERVER, settings.loginTimeoutMillis()));
        this.messageServer = messageServer;
    }

    @Override
    protected void handle(byte[] frame) {
        String name;
        try {
            name = FishChatCodec.decode(frame).name();
        } catch (MalformedCommandException e) {
            LOG.fine(() -> "Ignored a frame on " + describe() + ": " + e.getMessage());
            return;
        }
        if (!name.equals(FishChatCommand.REQ_MSG_SERVER)) {
            LOG.fine(() -> "Ignored " + name + " on " + describe());
            return;
        }
        closeAsAsked("answered " + FishChatCommand.REQ_MSG_SERVER, List.of(FishChatCodec.encode(
                FishChatCommand.SELECT_MSG_SERVER_FOR_CLIENT, messageServer.get())));
    }

    /** Nobody logs in on the gateway; nothing is ever delivered here. */
    @Override
    public void push(Message message) {
    }

    @Override
    protected List<ByteBuffer> loginRefused(LoginFailure failure) {
        return List.of();
    }

    @Override
    protected List<ByteBuffer> serverError() {
        return List.of();
    }

    @Override
    protected List<ByteBuffer> farewell(CloseReason reason) {
        return List.of();
    }
}
