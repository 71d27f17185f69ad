package io.missive.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;

import java.nio.ByteOrder;

/**
 * Cuts the inbound stream into frames, each preceded by a 4-byte unsigned big-endian length that
 * counts only the frame. A length over the limit fails at once with
 * {@link OversizedFrameException}, before any of the frame is buffered, and everything after it
 * is discarded: the stream has lost its framing and the connection is to be closed.
 */
final class LengthPrefixDecoder extends LengthFieldBasedFrameDecoder {

    private static final int PREFIX_BYTES = 4;

    private final int maxFrameBytes;
    private boolean broken;

    /** Frames a pipeline both ways with the 4-byte length: this decoder in, a 4-byte prepender out. */
    static void frame(ChannelPipeline pipeline, int maxFrameBytes) {
        pipeline.addLast("frames", new LengthPrefixDecoder(maxFrameBytes));
        pipeline.addLast("length", new LengthFieldPrepender(PREFIX_BYTES));
    }

    LengthPrefixDecoder(int maxFrameBytes) {
        // Netty's limit counts the prefix too: without it a frame of the last 4 bytes under the limit failed
        // with Netty's TooLongFrameException and closed the connection unanswered (found by fuzzing)
        super(ByteOrder.BIG_ENDIAN, (int) Math.min((long) maxFrameBytes + PREFIX_BYTES, Integer.MAX_VALUE), 0,
                PREFIX_BYTES, 0, PREFIX_BYTES, true);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        return super.decode(ctx, in);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long size = buf.getUnsignedInt(offset);
        if (size > maxFrameBytes) {
            broken = true;
            throw new OversizedFrameException(size, maxFrameBytes);
        }
        return size;
    }
}
