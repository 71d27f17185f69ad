package io.missive.text;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Feeds bytes to a {@link TextCommandDecoder} in an {@link EmbeddedChannel}, cut where a test says. */
final class DecoderRun {

    static final int MAX_LINE = 64;
    static final int MAX_BODY = 100;

    private final EmbeddedChannel channel;
    private final List<ByteBuf> written = new ArrayList<>();

    DecoderRun(int maxLineBytes, int maxBodyBytes) {
        channel = new EmbeddedChannel(new TextCommandDecoder(maxLineBytes, maxBodyBytes));
    }

    DecoderRun() {
        this(MAX_LINE, MAX_BODY);
    }

    /** Everything in one buffer. */
    static List<TextCommand> whole(byte[] stream) {
        DecoderRun run = new DecoderRun();
        List<TextCommand> out = run.feed(stream);
        out.addAll(run.finish());
        return out;
    }

    /** One buffer per byte. */
    static List<TextCommand> byteByByte(byte[] stream) {
        DecoderRun run = new DecoderRun();
        List<TextCommand> out = new ArrayList<>();
        for (byte b : stream) {
            out.addAll(run.feed(new byte[] {b}));
        }
        out.addAll(run.finish());
        return out;
    }

    /** Cut before each of the given ascending offsets. */
    static List<TextCommand> cutAt(byte[] stream, int... cuts) {
        DecoderRun run = new DecoderRun();
        List<TextCommand> out = new ArrayList<>();
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
    List<TextCommand> feed(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        written.add(buf);
        channel.writeInbound(buf);
        channel.checkException();
        return drain();
    }

    /** Closes the channel, checks that every buffer was released, and returns any last output. */
    List<TextCommand> finish() {
        channel.finish();
        channel.checkException();
        List<TextCommand> out = drain();
        for (ByteBuf buf : written) {
            // Unpooled's shared empty buffer is never released
            if (buf.capacity() > 0 && buf.refCnt() != 0) {
                throw new AssertionError("a buffer was not released: " + buf);
            }
        }
        return out;
    }

    private List<TextCommand> drain() {
        List<TextCommand> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            out.add((TextCommand) o);
        }
        return out;
    }
}
