package io.missive.tcp;

import io.missive.core.logging.ThrottledLog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import javax.net.ssl.KeyManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One listening port of the connector. Each accepted connection passes the connection limit
 * (over it, the connection is closed at once and the refusal logged) and the {@link AcceptGate}
 * (refused, it is reset), then gets TLS when
 * configured, the idle timeout, WebSocket framing on a listener with a {@code websocket-path}, and
 * the protocol's own handlers.
 */
final class TcpListener {

    /** The name of the handler that gathers a connection's flushes ({@link #accept}); nearer the socket than a protocol's. */
    static final String FLUSHES = "flushes";

    private static final Logger LOG = Logger.getLogger(TcpListener.class.getName());
    private final ThrottledLog refusedConnections = new ThrottledLog(LOG, Level.WARNING, InstantSource.system());

    private final TcpListenerSettings settings;
    private final TcpProtocol protocol;
    private final AcceptGate gate;
    /** Null without a limit. */
    private final AcceptRate acceptRate;
    private final SslContext ssl;
    private final AtomicInteger open = new AtomicInteger();
    /** The accepted connections, so that closing the listener closes them and waits for it. */
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final ChannelHandler idleCloser = new IdleCloser();
    private Channel serverChannel;

    /** Reads the keystore of a TLS listener at once, so that a bad one fails before any port opens. */
    TcpListener(TcpListenerSettings settings, TcpProtocol protocol, AcceptGate gate) {
        if (settings.webSocketPath() != null && !protocol.spec().overWebSocket()) {
            throw new IllegalArgumentException(settings.setting("websocket-path") + ": the " + protocol.spec().name()
                    + " protocol is not carried over WebSocket");
        }
        this.settings = settings;
        this.protocol = protocol;
        this.gate = gate;
        this.acceptRate = settings.maxAcceptRate() > 0 ? new AcceptRate(settings.maxAcceptRate(), System.nanoTime()) : null;
        this.ssl = settings.tls() == null ? null : sslContext(settings);
    }

    TcpListenerSettings settings() {
        return settings;
    }

    /** Listens; fails with the address and the setting to change when the port cannot be had. */
    void bind(EventLoopGroup acceptors, EventLoopGroup group) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accept(channel);
                    }
                });
        if (acceptRate != null) {
            bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new ServerChannelRecvByteBufAllocator().maxMessagesPerRead(1))
                    .handler(new AcceptPacer());
        }
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
        ChannelFuture bound = bootstrap.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("TCP listener '" + settings.name() + "' cannot listen on " + address
                    + " (" + settings.setting("port") + ", " + settings.setting("bind") + "): " + bound.cause(),
                    bound.cause());
        }
        serverChannel = bound.channel();
    }

    /** The port listened on (the chosen one when configured as 0); -1 when not listening. */
    int port() {
        Channel channel = serverChannel;
        return channel == null ? -1 : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Whether the listening socket is bound and open. */
    boolean isListening() {
        Channel channel = serverChannel;
        return channel != null && channel.isActive();
    }

    /**
     * Stops listening, then closes every connection (each protocol hears of it as a closed
     * transport, while the application still runs); waits until the port is free and, up to
     * {@code grace}, until the connections are closed.
     */
    void close(Duration grace) {
        Channel channel = serverChannel;
        if (channel != null) {
            channel.close().awaitUninterruptibly();
            serverChannel = null;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Channel connection : List.copyOf(connections)) {
            connection.close().awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private void accept(SocketChannel channel) {
        int count = open.incrementAndGet();
        connections.add(channel);
        channel.closeFuture().addListener(closed -> {
            open.decrementAndGet();
            connections.remove(channel);
        });
        if (count > settings.maxConnections()) {
            refusedConnections.log(() -> "MSV5001 Refused a connection from " + ChannelSink.describe(channel.remoteAddress())
                    + " on TCP listener '" + settings.name() + "': " + settings.maxConnections()
                    + " connections are open (" + settings.setting("max-connections") + ")");
            channel.close();
            return;
        }
        if (gate.refuses(channel.remoteAddress(), settings.name())) {
            // a reset: no close handshake to wait for, no TIME_WAIT kept for a flood
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
            return;
        }
        channel.attr(ChannelSink.CLOSE_GRACE).set(settings.closeGrace());
        ChannelPipeline pipeline = channel.pipeline();
        if (ssl != null) {
            pipeline.addLast("tls", ssl.newHandler(channel.alloc()));
        }
        // a flush asked for outside a read waits for the tasks queued on the loop: the answers and deliveries
        // one commit releases leave in one write call (and TLS record) per connection, not one each
        pipeline.addLast(FLUSHES, new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        long idleMillis = settings.idleTimeout().toMillis();
        if (idleMillis > 0) {
            pipeline.addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
            pipeline.addLast("idle-close", idleCloser);
        }
        if (settings.webSocketPath() != null) {
            WebSocketFraming.addHandlers(pipeline, settings, protocol.spec().webSocketSubprotocols().orElseThrow());
        }
        protocol.addHandlers(pipeline, settings, settings.transport());
    }

    /**
     * On the listening socket, sees each accepted connection before it is handed on: past the accept rate
     * it stops reading the socket until the next connection may be accepted. The listening socket then
     * accepts one connection per read, so that the pause holds from the next one on.
     */
    private final class AcceptPacer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object accepted) {
            long pause = acceptRate.accepted(System.nanoTime());
            Channel listening = ctx.channel();
            if (pause > 0 && listening.config().isAutoRead()) {
                listening.config().setAutoRead(false);
                ctx.executor().schedule(() -> listening.config().setAutoRead(true), pause, TimeUnit.NANOSECONDS);
            }
            ctx.fireChannelRead(accepted);
        }
    }

    /** Closes a connection that sent nothing for the idle timeout. */
    @ChannelHandler.Sharable
    private final class IdleCloser extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                LOG.info(() -> "MSV5002 Closing tcp connection " + ChannelSink.describe(ctx.channel().remoteAddress())
                        + " on TCP listener '" + settings.name() + "': nothing received for "
                        + settings.idleTimeout().toMillis() + " ms (" + settings.setting("idle-timeout") + ")");
                ctx.close();
            } else {
                ctx.fireUserEventTriggered(event);
            }
        }
    }

    private static SslContext sslContext(TcpListenerSettings settings) {
        TcpListenerSettings.TlsSettings tls = settings.tls();
        char[] password = tls.password().toCharArray();
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore keyStore = KeyStore.getInstance(tls.type());
            keyStore.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            return SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(settings.setting("tls.keystore") + ": cannot use " + tls.keystore()
                    + " as a " + tls.type() + " keystore with the configured password ("
                    + settings.setting("tls.keystore-password") + "): " + e.getMessage(), e);
        }
    }
}
