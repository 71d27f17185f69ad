package io.missive.tcp;

import io.missive.auth.ApiKeyCheck;
import io.missive.core.MessagingCore;
import io.missive.core.session.SerialExecutor;
import io.missive.protocol.ProtocolSpec;
import io.missive.protocol.Protocols;
import io.missive.push.BusinessPut;
import io.missive.push.PutAnswer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;


/**
 * Seed 001's business put over HTTP/1.1 on a connector listener ({@code put}, port 8710 by default; not
 * among the default listeners): {@link PutHttpHandler} behind Netty's HTTP codec. On a trusted listener
 * callers need no API key. Requests are small by design: a request line of at most
 * {@value #MAX_LINE_BYTES} bytes, headers of at most {@value #MAX_HEADER_BYTES}, a body of at most
 * {@code missive.message.max-payload-bytes}.
 */
@ApplicationScoped
public class PutHttpProtocol implements TcpProtocol {

    static final int MAX_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;

    @Inject
    private MessagingCore core;

    @Inject
    private BusinessPut put;

    @Inject
    private Config config;

    private volatile ApiKeyCheck keys;

    @Override
    public ProtocolSpec spec() {
        return Protocols.PUT;
    }

    @Override
    public void addHandlers(ChannelPipeline pipeline, TcpListenerSettings listener, String transport) {
        addHandlers(pipeline, put, listener.trusted() ? null : keys(),
                core.newMailbox(ChannelSink.loopOf(pipeline.channel())));
    }

    /** The codec, the body's limit and the put's handler; {@code keys} null on a trusted listener. */
    static void addHandlers(ChannelPipeline pipeline, BusinessPut put, ApiKeyCheck keys,
                            SerialExecutor mailbox) {
        pipeline.addLast("http", new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, MAX_HEADER_BYTES));
        pipeline.addLast("http-body", new BodyLimit(put.maxMessageBytes()));
        pipeline.addLast("put", new PutHttpHandler(put, keys, mailbox));
    }

    private ApiKeyCheck keys() {
        ApiKeyCheck k = keys;
        if (k == null) {
            k = ApiKeyCheck.forServer(config.getOptionalValue(ApiKeyCheck.CONFIG_KEY, String.class));
            keys = k;
        }
        return k;
    }

    /**
     * Gathers a request's body up to the limit. A longer one is answered 413 (MsgTooLong) in its turn among
     * the connection's requests while the rest of it is read and dropped; with {@code Expect: 100-continue} it is
     * answered at once, before the body is sent, and the connection closed.
     */
    static final class BodyLimit extends HttpObjectAggregator {

        private final int limit;

        BodyLimit(int limit) {
            super(limit, true);
            this.limit = limit;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ctx.fireChannelRead(new PutHttpHandler.TooLongBody(HttpUtil.isKeepAlive(oversized)));
        }

        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
            Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
            if (answer instanceof FullHttpResponse refused && refused.status().code() >= 400) {
                refused.release();
                PutAnswer tooLong = BusinessPut.tooLong(limit);
                return PutHttpHandler.response(HttpResponseStatus.valueOf(tooLong.status()), tooLong.bytes(), false);
            }
            return answer;
        }
    }
}
