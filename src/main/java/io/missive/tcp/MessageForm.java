package io.missive.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;

import java.nio.ByteBuffer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * How a protocol's messages cross a Netty pipeline: what its decoder hands up becomes the
 * protocol's inbound message (copied off pooled buffers, so the connection may keep it), and what
 * the protocol sends becomes what its encoder takes, with the bytes it will cost counted against
 * the connection's outbound limit.
 *
 * @param <I> the protocol's inbound message
 * @param <O> the protocol's outbound message
 * @param read  turns a decoded object into the inbound message; the object is released after
 * @param size  the bytes an outbound message will take on the wire (an estimate where it is not bytes yet)
 * @param write turns an outbound message into what the pipeline's encoder takes
 */
public record MessageForm<I, O>(Function<Object, I> read, ToIntFunction<O> size, Function<O, Object> write) {

    /** Whole frames as bytes both ways: the length-prefix (or WebSocket) framing is the pipeline's. */
    public static final MessageForm<byte[], ByteBuffer> FRAMES = new MessageForm<>(
            decoded -> ByteBufUtil.getBytes((ByteBuf) decoded), ByteBuffer::remaining, Unpooled::wrappedBuffer);

    /** A decoder's objects that hold no buffer, passed up as they are; bytes out. */
    public static <I> MessageForm<I, ByteBuffer> objectsIn(Class<I> type) {
        return new MessageForm<>(type::cast, ByteBuffer::remaining, Unpooled::wrappedBuffer);
    }

    /** Reads one decoded object and releases it. */
    I readAndRelease(Object decoded) {
        try {
            return read.apply(decoded);
        } finally {
            ReferenceCountUtil.release(decoded);
        }
    }
}
