package io.missive.msgd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Feeds bytes to a {@link MsgdFrameDecoder} in an {@link EmbeddedChannel}, cut where a test says. */
final class MsgdDecoderRun {

    static final int MAX_FRAME = MsgdCodec.MAX_TRPC_LENGTH;
    /** A small garbage bound, so tests reach it quickly. */
    static final int MAX_GARBAGE = 100;

    private final EmbeddedChannel channel;
    private final List<ByteBuf> written = new ArrayList<>();

    MsgdDecoderRun(int maxFrameBytes, int maxGarbageBytes) {
        channel = new EmbeddedChannel(new MsgdFrameDecoder(maxFrameBytes, maxGarbageBytes));
    }

    MsgdDecoderRun() {
        this(MAX_FRAME, MAX_GARBAGE);
    }

    /** Everything in one buffer. */
    static List<MsgdInput> whole(byte[] stream) {
        MsgdDecoderRun run = new MsgdDecoderRun();
        List<MsgdInput> out = run.feed(stream);
        out.addAll(run.finish());
        return out;
    }

    /** One buffer per byte. */
    static List<MsgdInput> byteByByte(byte[] stream) {
        MsgdDecoderRun run = new MsgdDecoderRun();
        List<MsgdInput> out = new ArrayList<>();
        for (byte b : stream) {
            out.addAll(run.feed(new byte[] {b}));
        }
        out.addAll(run.finish());
        return out;
    }

    /** Cut before each of the given ascending offsets. */
    static List<MsgdInput> cutAt(byte[] stream, int... cuts) {
        MsgdDecoderRun run = new MsgdDecoderRun();
        List<MsgdInput> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            out.addAll(run.feed(Arrays.copyOfRange(stream, from, cut)));
            from = cut;
        }
        out.addAll(run.feed(Arrays.copyOfRange(stream, from, stream.length)));
        out.addAll(run.finish());
        return out;
    }

    /** Writes one buffer and returns what the decoder produced from it; rethrows what the pipeline caught. */
    List<MsgdInput> feed(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        written.add(buf);
        channel.writeInbound(buf);
        channel.checkException();
        return drain();
    }

    /** Closes the channel, checks that every buffer was released, and returns any last output. */
    List<MsgdInput> finish() {
        channel.finish();
        channel.checkException();
        List<MsgdInput> out = drain();
        for (ByteBuf buf : written) {
            if (buf.capacity() > 0 && buf.refCnt() != 0) {
                throw new AssertionError("a buffer was not released: " + buf);
            }
        }
        return out;
    }

    private List<MsgdInput> drain() {
        List<MsgdInput> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            out.add((MsgdInput) o);
        }
        return out;
    }

    /** Bytes from hex, spaces and {@code |} ignored: {@code "f7 f8 | 00"}. */
    static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }

    static byte[] array(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
