package io.missive.text;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.missive.protocol.AllocationBound;
import io.missive.protocol.StreamDecoderRun;
import static io.missive.TestBytes.SEED_MSG_ID;
import static io.missive.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.missive.text.TextCommand.Malformed;
import io.missive.text.TextFrame.Ack;
import io.missive.text.TextFrame.Error;
import io.missive.text.TextFrame.Message;
import io.missive.text.TextFrame.Response;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input, and Jazzer's coverage-guided input. The command decoder never throws,
 * produces at most one {@link Malformed} and only as its last output, gives the same commands however
 * the stream is cut, and allocates in proportion to the bytes it got, not to a size a line announces. The server
 * frame decoder gives a frame or {@link MalformedTextFrameException}, nothing else, and a frame it
 * gives encodes and decodes to itself.
 */
class TextCodecFuzzTest {

    private static final long SEED = 0x7e57_0001L;
    private static final int STREAMS = 4_000;
    private static final int FRAMES = 200_000;
    /** A body size limit far over any fuzz input, so that a decoder that reserved what a line announces would show. */
    private static final int LARGE_BODY = 1 << 20;
    /** A command is a few objects for a few bytes of input: up to 64 bytes each, still far under a reserved 1 MiB. */
    private static final AllocationBound ALLOCATION = new AllocationBound(128 * 1024, 64);

    /**
     * Under {@code -Pfuzz} Jazzer's generated input; in {@code ./mvnw verify} the inputs committed in
     * {@code TextCodecFuzzTestInputs/anyCommandStream}. The input's last 8 bytes choose where it is cut.
     */
    @FuzzTest
    void anyCommandStream(FuzzedDataProvider data) throws Exception {
        long cutSeed = data.consumeLong();
        byte[] stream = data.consumeRemainingAsBytes();
        List<TextCommand> commands = StreamDecoderRun.fuzzed(() -> new DecoderRun(DecoderRun.MAX_LINE, LARGE_BODY),
                stream, cutSeed, Malformed.class, ALLOCATION);
        if (!commands.isEmpty() && commands.get(commands.size() - 1) instanceof Malformed m) {
            assertThat(m.detail()).isNotBlank().matches("[\\x20-\\x7e]*");
        }
    }

    @Test
    void mutatedCommandStreamsDecodeTheSameUnderAnyCut() {
        Random random = new Random(SEED);
        int clean = 0;
        int malformed = 0;
        for (int round = 0; round < STREAMS; round++) {
            byte[] stream = commandStream(random);
            boolean mutated = random.nextInt(4) != 0;
            if (mutated) {
                stream = mutate(stream, random);
            }
            List<TextCommand> whole = DecoderRun.whole(stream);
            for (int i = 0; i < whole.size() - 1; i++) {
                assertThat(whole.get(i)).as(hex(stream)).isNotInstanceOf(Malformed.class);
            }
            if (!whole.isEmpty() && whole.get(whole.size() - 1) instanceof Malformed m) {
                malformed++;
                assertThat(m.detail()).isNotBlank().matches("[\\x20-\\x7e]*");
            } else {
                clean++;
            }
            assertThat(DecoderRun.cutAt(stream, StreamDecoderRun.randomCuts(stream.length, random))).as(hex(stream)).isEqualTo(whole);
            if (round % 16 == 0) {
                assertThat(DecoderRun.byteByByte(stream)).as(hex(stream)).isEqualTo(whole);
            }
        }
        // both outcomes are exercised often
        assertThat(clean).isGreaterThan(STREAMS / 10);
        assertThat(malformed).isGreaterThan(STREAMS / 10);
    }

    @Test
    void unmutatedStreamsGiveBackTheirCommands() {
        Random random = new Random(SEED + 1);
        for (int round = 0; round < STREAMS / 4; round++) {
            List<TextCommand> commands = new ArrayList<>();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(TextCodec.magic());
            for (int n = random.nextInt(8); n > 0; n--) {
                TextCommand command = ValidCommands.ALL.get(random.nextInt(ValidCommands.ALL.size()));
                commands.add(command);
                out.writeBytes(TextCodec.encodeCommand(command));
            }
            byte[] stream = out.toByteArray();
            assertThat(DecoderRun.cutAt(stream, StreamDecoderRun.randomCuts(stream.length, random))).isEqualTo(commands);
        }
    }

    @Test
    void randomAndMutatedServerFramesDecodeToAFrameOrAreMalformed() throws Exception {
        Random random = new Random(SEED + 2);
        List<byte[]> corpus = new ArrayList<>();
        for (TextFrame frame : List.of(Response.OK, Response.CLOSE_WAIT, new Error("E_INVALID", "bad"),
                new Ack(true, 7, 1), new Ack(false, -1, 0),
                new Message(1_700_000_000_000L, 1, SEED_MSG_ID, 42, 9, "hello".getBytes()))) {
            corpus.add(TextCodec.encodeToArray(frame));
        }
        int decoded = 0;
        for (int round = 0; round < FRAMES; round++) {
            byte[] input;
            if (round % 4 == 0) {
                input = new byte[random.nextInt(80)];
                random.nextBytes(input);
            } else {
                input = mutate(corpus.get(random.nextInt(corpus.size())), random);
                if (random.nextBoolean() && input.length >= 4) {
                    // keep the size right, so the mutation reaches the data
                    ByteBuffer.wrap(input).putInt(input.length - 4);
                }
            }
            TextFrame frame;
            try {
                frame = TextCodec.decodeServerFrame(ByteBuffer.wrap(input));
            } catch (MalformedTextFrameException e) {
                assertThat(e.getMessage()).isNotBlank();
                continue;
            } catch (Throwable t) {
                throw new AssertionError("decodeServerFrame(" + hex(input) + ") threw " + t, t);
            }
            decoded++;
            assertThat(TextCodec.decodeServerFrame(TextCodec.encode(frame))).as(hex(input)).isEqualTo(frame);
        }
        assertThat(decoded).isGreaterThan(FRAMES / 20);
    }

    private static byte[] commandStream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TextCodec.magic());
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            out.writeBytes(TextCodec.encodeCommand(ValidCommands.ALL.get(random.nextInt(ValidCommands.ALL.size()))));
        }
        return out.toByteArray();
    }

    private static final byte[] INTERESTING = {' ', '\n', '\r', '0', '9', '-', 'a', 'f', 'A', 0, (byte) 0xff, (byte) 0x80};

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        for (int m = 1 + random.nextInt(3); m > 0; m--) {
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> { // another byte, often one the parser cares about
                    if (bytes.length > 0) {
                        bytes[at] = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                                : (byte) random.nextInt(256);
                    }
                }
                case 1 -> bytes = Arrays.copyOf(bytes, at); // truncate
                case 2 -> { // delete one byte
                    if (bytes.length > 0) {
                        byte[] shorter = new byte[bytes.length - 1];
                        System.arraycopy(bytes, 0, shorter, 0, at);
                        System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                        bytes = shorter;
                    }
                }
                case 3 -> { // insert one byte
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                case 4 -> { // a 4-byte size somewhere becomes extreme
                    if (bytes.length > 4) {
                        int p = random.nextInt(bytes.length - 3);
                        int value = random.nextBoolean() ? -1 : random.nextInt(3) == 0 ? 0 : random.nextInt(200);
                        ByteBuffer.wrap(bytes, p, 4).putInt(value);
                    }
                }
                default -> { // flip a bit
                    if (bytes.length > 0) {
                        bytes[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
            }
        }
        return bytes;
    }
}
