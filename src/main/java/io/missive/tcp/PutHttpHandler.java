package io.missive.tcp;

import io.missive.auth.ApiKeyCheck;
import io.missive.config.SharedJson;
import io.missive.core.logging.ThrottledLog;
import io.missive.core.session.SerialExecutor;
import io.missive.push.BusinessPut;
import io.missive.push.PushCode;
import io.missive.push.PutAnswer;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code put} listener's requests: seed 001's business put, {@code POST /put?channel_id=…&device_type=…}
 * with the message as the body and the API key as a bearer credential, answered as the container's
 * {@code /put} answers (the seed's codes, through {@link BusinessPut}) once the message is stored.
 * {@code /api/push/put} is the same. Any other path is 404 (NotFound), any other method 405 (MethodErr),
 * a missing or wrong key 401 with the REST API's error body, a body over the largest payload 413
 * (MsgTooLong; the body is read and dropped), and a request HTTP cannot parse 400 (ParamErr), after
 * which the connection is closed.
 *
 * <p>Requests of one connection are answered one at a time, in order (HTTP/1.1 pipelining included): a
 * connection waiting for its commit has its next requests wait behind it, and past {@value #MAX_WAITING}
 * decoded ones its socket is not read. A put to all devices of a channel runs on the connection's event
 * loop until the commit; one to a device type reads the store first, on the connection's mailbox.
 */
final class PutHttpHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(PutHttpHandler.class.getName());
    private static final ThrottledLog BAD_REQUESTS = new ThrottledLog(LOG, Level.INFO, InstantSource.system());
    static final List<String> PATHS = List.of("/put", "/api/push/put");
    /** Requests decoded and not yet answered, past which the socket is not read. */
    static final int MAX_WAITING = 16;

    private final BusinessPut put;
    private final ApiKeyCheck keys;
    private final SerialExecutor mailbox;
    // --- confined to the event loop ---
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    /** A request is being answered: the next ones wait. */
    private boolean answering;
    private boolean closed;

    /**
     * @param keys    the API key; null on a trusted listener, whose callers need none
     * @param mailbox the connection's, bound to its event loop
     */
    PutHttpHandler(BusinessPut put, ApiKeyCheck keys, SerialExecutor mailbox) {
        this.put = put;
        this.keys = keys;
        this.mailbox = mailbox;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request) || closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        waiting.add(request);
        if (waiting.size() >= MAX_WAITING) {
            ctx.channel().config().setAutoRead(false);
        }
        if (!answering) {
            next();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        waiting.forEach(ReferenceCountUtil::release);
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // resets, broken TLS: the connection is gone or useless (what HTTP cannot parse comes as a request)
        LOG.log(Level.FINE, "Closing put connection " + ChannelSink.describe(ctx.channel()) + " after an error", cause);
        ctx.close();
    }

    /** Answers the next request waiting, if any; else reads the socket again. */
    private void next() {
        FullHttpRequest request = waiting.poll();
        if (request == null) {
            if (!ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
            return;
        }
        answering = true;
        try {
            handle(request);
        } finally {
            request.release();
        }
    }

    private void handle(FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            BAD_REQUESTS.log(() -> "MSV5009 Closed a put connection from "
                    + ChannelSink.describe(ctx.channel().remoteAddress()) + ": not HTTP ("
                    + request.decoderResult().cause() + ")");
            respond(PutAnswer.of(400, PushCode.PARAM_ERR, "not an HTTP/1.1 request"), false);
            return;
        }
        if (request instanceof TooLongBody) {
            // the codec drops the rest of the body as it comes: the connection may carry the next request
            respond(BusinessPut.tooLong(put.maxMessageBytes()), keepAlive);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (!PATHS.contains(uri.path())) {
            respond(PutAnswer.of(404, PushCode.NOT_FOUND, "this listener serves POST /put only"), keepAlive);
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            respond(PutAnswer.of(405, PushCode.METHOD_ERR, "put is a POST"), keepAlive);
            return;
        }
        ApiKeyCheck.Outcome key = keys == null ? ApiKeyCheck.Outcome.ACCEPTED
                : keys.check(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (key != ApiKeyCheck.Outcome.ACCEPTED) {
            unauthorized(key, keepAlive);
            return;
        }
        String channel = parameter(uri, "channel_id");
        String type = parameter(uri, "device_type");
        byte[] message = ByteBufUtil.getBytes(request.content());
        Consumer<PutAnswer> answer = a -> respond(a, keepAlive);
        mailbox.executeNonBlocking(() -> put.put(channel, type, message, mailbox, answer));
    }

    private static String parameter(QueryStringDecoder uri, String name) {
        List<String> values = uri.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private void unauthorized(ApiKeyCheck.Outcome outcome, boolean keepAlive) {
        byte[] body = SharedJson.PROVIDER.createObjectBuilder().add("code", "unauthorized")
                .add("message", ApiKeyCheck.refusalText(outcome)).build().toString().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = response(HttpResponseStatus.UNAUTHORIZED, body, keepAlive);
        response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, ApiKeyCheck.challenge(outcome));
        written(response, keepAlive);
    }

    /** From any thread: the answer is written on the loop, and the next request taken. */
    private void respond(PutAnswer answer, boolean keepAlive) {
        if (ctx.executor().inEventLoop()) {
            written(response(HttpResponseStatus.valueOf(answer.status()), answer.bytes(), keepAlive), keepAlive);
        } else {
            ctx.executor().execute(() -> respond(answer, keepAlive));
        }
    }

    private void written(FullHttpResponse response, boolean keepAlive) {
        if (closed) {
            response.release();
            return;
        }
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
            answering = false;
            next();
        } else {
            closed = true;
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static FullHttpResponse response(HttpResponseStatus status, byte[] body, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        HttpUtil.setKeepAlive(response, keepAlive);
        return response;
    }

    /** A request whose body was over the limit: stands in the queue for it, to be answered in order. */
    static final class TooLongBody extends DefaultFullHttpRequest {
        TooLongBody(boolean keepAlive) {
            super(HttpVersion.HTTP_1_1, HttpMethod.POST, PATHS.get(0));
            HttpUtil.setKeepAlive(this, keepAlive);
        }
    }
}
