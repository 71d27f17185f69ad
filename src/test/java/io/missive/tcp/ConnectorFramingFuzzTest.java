package io.missive.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.missive.binary.BinaryCodec;
import io.missive.binary.MalformedFrameException;
import io.missive.protocol.AllocationBound;
import io.missive.protocol.SevereLogs;
import io.missive.protocol.StreamDecoderRun;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CodecException;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jazzer's coverage-guided bytes through the TCP connector's framing, on an {@link EmbeddedChannel},
 * cut as TCP may deliver them: the WebSocket framing of a listener with a {@code websocket-path}
 * (HTTP upgrade, Netty's WebSocket decoder and aggregator, {@link WebSocketFraming}), and the 4-byte
 * length prefix of the binary and FishChat listeners with each frame on into the binary codec. Only
 * decode errors come out (a {@link CodecException}, which closes the connection; for the prefix
 * only {@link OversizedFrameException}), no frame over the limit is handed on, every buffer is
 * released, and the framing allocates in proportion to the bytes it got, whatever a length announces.
 */
class ConnectorFramingFuzzTest {

    /** Far over any fuzz input, so that a decoder that reserved an announced length would show. */
    private static final int MAX_FRAME = 1 << 20;
    private static final AllocationBound ALLOCATION = new AllocationBound(256 * 1024, 32);
    private static final TcpListenerSettings LISTENER = new TcpListenerSettings("ws", "binary", "127.0.0.1", 0, null,
            false, 10, MAX_FRAME, Duration.ZERO, 1 << 20, "/ws", Duration.ofSeconds(2));
    /** What a browser sends to open the connection. */
    private static final byte[] UPGRADE = ("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final SevereLogs SEVERE = new SevereLogs();

    /**
     * Under {@code -Pfuzz} Jazzer's generated input; in {@code ./mvnw verify} the inputs committed in
     * {@code ConnectorFramingFuzzTestInputs/webSocket}. The input's last byte chooses whether the
     * upgrade request goes first (odd: it does), the 8 bytes before it the cuts.
     */
    @FuzzTest
    void webSocket(FuzzedDataProvider data) throws Exception {
        boolean upgraded = data.consumeBoolean();
        long cutSeed = data.consumeLong();
        byte[] rest = data.consumeRemainingAsBytes();
        byte[] stream = upgraded ? concat(UPGRADE, rest) : rest;
        List<ByteBuf> messages = ALLOCATION.check(stream.length, () -> run(stream, cutSeed, channel -> {
            channel.attr(ChannelSink.PEER).set("fuzz");
            WebSocketFraming.addHandlers(channel.pipeline(), LISTENER, List.of());
        }, CodecException.class::isInstance));
        for (ByteBuf message : messages) {
            assertThat(message.readableBytes()).isLessThanOrEqualTo(MAX_FRAME);
        }
        SEVERE.assertNone(() -> ByteBufUtil.hexDump(stream));
    }

    /**
     * Under {@code -Pfuzz} Jazzer's generated input; in {@code ./mvnw verify} the inputs committed in
     * {@code ConnectorFramingFuzzTestInputs/lengthPrefixedBinaryFrames}. The input's last 8 bytes
     * choose the cuts.
     */
    @FuzzTest
    void lengthPrefixedBinaryFrames(FuzzedDataProvider data) throws Exception {
        long cutSeed = data.consumeLong();
        byte[] stream = data.consumeRemainingAsBytes();
        List<ByteBuf> frames = ALLOCATION.check(stream.length, () -> run(stream, cutSeed,
                channel -> channel.pipeline().addLast(new LengthPrefixDecoder(MAX_FRAME)), OversizedFrameException.class::isInstance));
        for (ByteBuf frame : frames) {
            assertThat(frame.readableBytes()).isLessThanOrEqualTo(MAX_FRAME);
            try {
                assertThat(BinaryCodec.decodeClientFrame(ByteBufUtil.getBytes(frame))).isNotNull();
            } catch (MalformedFrameException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }

    private interface Pipeline {
        void build(EmbeddedChannel channel);
    }

    /**
     * The messages that came out of the pipeline's end, copied; fails if the pipeline raised anything
     * but {@code decodeErrors} or a buffer, in or out, was not released.
     */
    private static List<ByteBuf> run(byte[] stream, long cutSeed, Pipeline pipeline, Predicate<Throwable> decodeErrors)
            throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        channel.config().setAllocator(new UnpooledByteBufAllocator(false, true));
        pipeline.build(channel);
        List<ByteBuf> out = new ArrayList<>();
        channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                try {
                    assertThat(msg).isInstanceOf(ByteBuf.class);
                    out.add(Unpooled.wrappedBuffer(ByteBufUtil.getBytes((ByteBuf) msg)));
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }

            /** As {@link ConnectionHandler}: a decode error (a peer gone mid-message, say) closes the connection. */
            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                if (!decodeErrors.test(cause)) {
                    ctx.fireExceptionCaught(cause);   // to the channel, which rethrows it: the target fails
                }
                ctx.close();
            }
        });
        channel.register();
        List<ByteBuf> written = new ArrayList<>();
        int from = 0;
        int[] cuts = StreamDecoderRun.randomCuts(stream.length, new Random(cutSeed));
        for (int i = 0; i <= cuts.length && channel.isOpen(); i++) {
            int to = i < cuts.length ? cuts[i] : stream.length;
            ByteBuf piece = Unpooled.wrappedBuffer(stream, from, to - from);
            written.add(piece);
            from = to;
            channel.writeInbound(piece);   // rethrows what reached the pipeline's end
        }
        channel.finishAndReleaseAll();
        for (ByteBuf piece : written) {
            if (piece.capacity() > 0 && piece.refCnt() != 0) {
                throw new AssertionError("an input buffer was not released: " + piece);
            }
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
