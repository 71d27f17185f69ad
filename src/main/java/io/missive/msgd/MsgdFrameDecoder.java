package io.missive.msgd;

import io.missive.core.model.Bytes;
import io.missive.msgd.MsgdInput.BadMagic;
import io.missive.msgd.MsgdInput.Malformed;
import io.missive.msgd.MsgdInput.Request;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a msgd client's byte stream: trpc frames, each found by scanning for the sync bytes
 * {@code F7 F8} (a repeated {@code F7} stays in sync state, so {@code F7 F7 F8} syncs), then the other
 * 11 trpc header bytes (little-endian), then the payload. Produces {@link MsgdInput}s, the same ones
 * however the stream is cut into buffers:
 * <ul>
 * <li>trpc type 0 with a payload of {@code TSRQ}, a msgd header and as much data as its length says:
 * {@link Request};</li>
 * <li>trpc type 0 whose payload does not start with {@code TSRQ}: {@link BadMagic} (the frame is
 * skipped; the stream stays in sync);</li>
 * <li>trpc type 1, a reply, which a client never sends to a server: skipped silently (its length is
 * checked like any other, so the stream stays in sync). The original's trpc layer would have looked for
 * a request of its own to match it with, and found none.</li>
 * </ul>
 * Bytes between frames that are not a sync are skipped (the original resynchronised the same way), but
 * at most {@code maxGarbageBytes} of them in a row (by default {@value #DEFAULT_MAX_GARBAGE_BYTES}):
 * past that the client is not speaking msgd.
 *
 * <p>Bad input produces exactly one {@link Malformed}, the last output, after which the decoder
 * discards everything, because the connection closes: a trpc type other than 0 and 1, a trpc length
 * of 0, negative, or over {@code maxFrameBytes} (checked before the payload is read), a type-0 payload
 * shorter than the 20-byte msgd header, a msgd length that is not the trpc length minus 20, too much
 * garbage. Nothing a client sends makes it throw, and it never holds more than one frame.
 *
 * <p>One instance per connection; not sharable.
 */
public final class MsgdFrameDecoder extends ByteToMessageDecoder {

    /** How many bytes that are no sync may come between two frames (or before the first) when none is configured. */
    public static final int DEFAULT_MAX_GARBAGE_BYTES = 64 * 1024;

    /** type, padding, seq, length: the trpc header after the sync bytes. */
    private static final int HEADER_AFTER_SYNC = MsgdCodec.TRPC_HEADER_BYTES - 2;

    private enum State { SYNC, HEADER, PAYLOAD, FAILED }

    private final int maxFrameBytes;
    private final int maxGarbageBytes;

    private State state = State.SYNC;
    /** Whether the last byte scanned in SYNC was F7 (not counted as garbage yet: it may start a sync). */
    private boolean sawSync1;
    /** Bytes skipped in SYNC since the last frame, not counting a pending F7. */
    private int garbage;
    private int trpcType;
    private int trpcSeq;
    private int trpcLength;

    /**
     * @param maxFrameBytes   the largest trpc length (payload bytes: 20 + the msgd data) accepted, at least
     *                        20; a value over {@value MsgdCodec#MAX_TRPC_LENGTH}, the protocol's own limit,
     *                        counts as that limit
     * @param maxGarbageBytes how many bytes that are not a sync may be skipped in a row, at least 0
     */
    public MsgdFrameDecoder(int maxFrameBytes, int maxGarbageBytes) {
        if (maxFrameBytes < MsgdCodec.MSGD_HEADER_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be at least " + MsgdCodec.MSGD_HEADER_BYTES
                    + ", not " + maxFrameBytes);
        }
        if (maxGarbageBytes < 0) {
            throw new IllegalArgumentException("maxGarbageBytes must not be negative, not " + maxGarbageBytes);
        }
        this.maxFrameBytes = Math.min(maxFrameBytes, MsgdCodec.MAX_TRPC_LENGTH);
        this.maxGarbageBytes = maxGarbageBytes;
    }

    /** With the default garbage bound, {@value #DEFAULT_MAX_GARBAGE_BYTES} bytes. */
    public MsgdFrameDecoder(int maxFrameBytes) {
        this(maxFrameBytes, DEFAULT_MAX_GARBAGE_BYTES);
    }

    /** One step: consumes garbage and a sync, a trpc header or a payload when it has arrived whole. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case SYNC -> findSync(in, out);
            case HEADER -> readHeader(in, out);
            case PAYLOAD -> readPayload(in, out);
            case FAILED -> in.skipBytes(in.readableBytes());
        }
    }

    private void findSync(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte b = in.readByte();
            if (sawSync1 && b == MsgdCodec.SYNC_2) {
                sawSync1 = false;
                state = State.HEADER;
                return;
            }
            if (sawSync1) {
                garbage++; // the F7 before was no sync after all, unless this byte is another F7
            }
            sawSync1 = b == MsgdCodec.SYNC_1;
            if (!sawSync1) {
                garbage++;
            }
            if (garbage > maxGarbageBytes) {
                fail(in, out, "more than " + maxGarbageBytes + " bytes without a trpc sync (F7 F8)");
                return;
            }
        }
    }

    private void readHeader(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < HEADER_AFTER_SYNC) {
            return;
        }
        int type = in.readUnsignedByte();
        in.skipBytes(2); // padding, not initialised by the sender
        int seq = in.readIntLE();
        int length = in.readIntLE();
        if (type != MsgdCodec.TRPC_REQUEST && type != MsgdCodec.TRPC_REPLY) {
            fail(in, out, "trpc type " + type + " is neither 0 (request) nor 1 (reply); seq " + seq);
        } else if (length < 1 || length > maxFrameBytes) {
            fail(in, out, "trpc length " + length + " is not 1.." + maxFrameBytes
                    + "; seq " + seq);
        } else if (type == MsgdCodec.TRPC_REQUEST && length < MsgdCodec.MSGD_HEADER_BYTES) {
            fail(in, out, "trpc length " + length + " is shorter than the " + MsgdCodec.MSGD_HEADER_BYTES
                    + "-byte msgd header; seq " + seq);
        } else {
            trpcType = type;
            trpcSeq = seq;
            trpcLength = length;
            state = State.PAYLOAD;
            garbage = 0;
        }
    }

    private void readPayload(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < trpcLength) {
            return;
        }
        state = State.SYNC;
        if (trpcType == MsgdCodec.TRPC_REPLY) {
            in.skipBytes(trpcLength);
            return;
        }
        int start = in.readerIndex();
        if (in.getIntLE(start) != MsgdCodec.MAGIC) {
            in.skipBytes(trpcLength);
            out.add(new BadMagic(trpcSeq));
            return;
        }
        String version = in.toString(start + 4, MsgdHeader.VERSION_BYTES, StandardCharsets.ISO_8859_1);
        int type = in.getIntLE(start + 8);
        int seq = in.getIntLE(start + 12);
        int length = in.getIntLE(start + 16);
        int follow = trpcLength - MsgdCodec.MSGD_HEADER_BYTES;
        if (length != follow) {
            fail(in, out, "msgd length " + length + " but " + follow
                    + " bytes follow the msgd header; trpc seq " + trpcSeq + ", msgd type " + MsgdType.name(type));
            return;
        }
        byte[] data = new byte[length];
        in.getBytes(start + MsgdCodec.MSGD_HEADER_BYTES, data);
        in.skipBytes(trpcLength);
        out.add(new Request(trpcSeq, new MsgdHeader(version, type, seq, length), new Bytes(data)));
    }

    private void fail(ByteBuf in, List<Object> out, String reason) {
        out.add(new Malformed(reason));
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
    }
}
