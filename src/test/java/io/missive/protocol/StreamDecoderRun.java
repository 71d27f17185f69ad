package io.missive.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Feeds bytes to a stream protocol's decoder (the text protocol's, msgd's) in an
 * {@link EmbeddedChannel}, cut where a test says, and checks that every buffer was released.
 *
 * @param <T> what the decoder hands up
 */
public class StreamDecoderRun<T> {

    private final EmbeddedChannel channel;
    private final Class<T> type;
    private final List<ByteBuf> written = new ArrayList<>();

    public StreamDecoderRun(ChannelHandler decoder, Class<T> type) {
        this.channel = new EmbeddedChannel(decoder);
        // plain heap buffers: what the decoder allocates is then counted on this thread (AllocationBound)
        channel.config().setAllocator(new UnpooledByteBufAllocator(false, true));
        this.type = type;
    }

    /** Everything in one buffer. */
    public static <T> List<T> whole(Supplier<? extends StreamDecoderRun<T>> runs, byte[] stream) {
        StreamDecoderRun<T> run = runs.get();
        List<T> out = run.feed(stream);
        out.addAll(run.finish());
        return out;
    }

    /** One buffer per byte. */
    public static <T> List<T> byteByByte(Supplier<? extends StreamDecoderRun<T>> runs, byte[] stream) {
        StreamDecoderRun<T> run = runs.get();
        List<T> out = new ArrayList<>();
        for (byte b : stream) {
            out.addAll(run.feed(new byte[] {b}));
        }
        out.addAll(run.finish());
        return out;
    }

    /** Cut before each of the given ascending offsets. */
    public static <T> List<T> cutAt(Supplier<? extends StreamDecoderRun<T>> runs, byte[] stream, int... cuts) {
        StreamDecoderRun<T> run = runs.get();
        List<T> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            out.addAll(run.feed(Arrays.copyOfRange(stream, from, cut)));
            from = cut;
        }
        out.addAll(run.feed(Arrays.copyOfRange(stream, from, stream.length)));
        out.addAll(run.finish());
        return out;
    }

    /**
     * A fuzz target's check: {@code stream} decodes within {@code allocation}, with at most one
     * {@code malformed} output and only as the last, and to the same output when cut where
     * {@code cutSeed} chooses. Returns that output.
     */
    public static <T> List<T> fuzzed(Supplier<? extends StreamDecoderRun<T>> runs, byte[] stream, long cutSeed,
                                     Class<? extends T> malformed, AllocationBound allocation) throws Exception {
        List<T> whole = allocation.check(stream.length, () -> whole(runs, stream));
        for (int i = 0; i < whole.size() - 1; i++) {
            if (malformed.isInstance(whole.get(i))) {
                throw new AssertionError("output " + i + " of " + whole.size() + " is " + whole.get(i));
            }
        }
        List<T> cut = cutAt(runs, stream, randomCuts(stream.length, new Random(cutSeed)));
        if (!cut.equals(whole)) {
            throw new AssertionError("cut, the stream decodes to " + cut + ", whole to " + whole);
        }
        return whole;
    }

    /** Up to 12 random ascending cut offsets inside a stream of {@code length} bytes, for fuzzing the framing. */
    public static int[] randomCuts(int length, Random random) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int n = random.nextInt(Math.min(length, 12) + 1); n > 0 && length > 1; n--) {
            cuts.add(1 + random.nextInt(length - 1));
        }
        return cuts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Writes one buffer and returns what the decoder produced from it; rethrows what the pipeline caught. */
    public List<T> feed(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        written.add(buf);
        channel.writeInbound(buf);
        channel.checkException();
        return drain();
    }

    /** Closes the channel, checks that every buffer was released, and returns any last output. */
    public List<T> finish() {
        channel.finish();
        channel.checkException();
        List<T> out = drain();
        for (ByteBuf buf : written) {
            // Unpooled's shared empty buffer is never released
            if (buf.capacity() > 0 && buf.refCnt() != 0) {
                throw new AssertionError("a buffer was not released: " + buf);
            }
        }
        return out;
    }

    private List<T> drain() {
        List<T> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            out.add(type.cast(o));
        }
        return out;
    }
}
