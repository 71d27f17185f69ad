package io.missive.msgd;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.missive.protocol.AllocationBound;
import io.missive.protocol.StreamDecoderRun;
import static io.missive.msgd.MsgdDecoderRun.array;
import static io.missive.msgd.MsgdSpecExamplesTest.JOIN_FRAME;
import static io.missive.msgd.MsgdSpecExamplesTest.P2P_FRAME;
import static org.assertj.core.api.Assertions.assertThat;

import io.missive.msgd.MsgdInput.Malformed;
import io.missive.msgd.MsgdInput.Request;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated input, and Jazzer's coverage-guided input. The decoder never throws, produces at
 * most one {@link Malformed} and only as its last output, gives the same inputs however the stream is
 * cut, and allocates in proportion to the bytes it got. The body parsers give a body or
 * {@link MalformedBodyException}, nothing else.
 */
class MsgdCodecFuzzTest {

    private static final long SEED = 0x3d9d_0001L;
    private static final int STREAMS = 3_000;
    private static final int BODIES = 100_000;
    private static final AllocationBound ALLOCATION = new AllocationBound(128 * 1024, 16);

    /**
     * Under {@code -Pfuzz} Jazzer's generated input; in {@code ./mvnw verify} the inputs committed in
     * {@code MsgdCodecFuzzTestInputs/anyStreamAndItsBodies}. The input's last 8 bytes choose where it is
     * cut; every request's data goes through each body parser, as sent and deciphered as a JOIN's.
     */
    @FuzzTest
    void anyStreamAndItsBodies(FuzzedDataProvider data) throws Exception {
        long cutSeed = data.consumeLong();
        byte[] stream = data.consumeRemainingAsBytes();
        List<MsgdInput> inputs = StreamDecoderRun.fuzzed(() -> new MsgdDecoderRun(MsgdDecoderRun.MAX_FRAME,
                MsgdDecoderRun.MAX_GARBAGE), stream, cutSeed, Malformed.class, ALLOCATION);
        for (MsgdInput input : inputs) {
            if (input instanceof Request r) {
                assertThat(r.data().length()).isEqualTo(r.header().length());
                parseEveryWay(r.data().value());
                parseEveryWay(MsgdCipher.decode(MsgdCipher.JOIN_KEY, r.data().value()));
            } else if (input instanceof Malformed m) {
                assertThat(m.reason()).isNotBlank().matches("[\\x20-\\x7e]*");
            }
        }
    }

    /** Each parser gives a body or {@link MalformedBodyException}, within its allocation bound; returns how many gave one. */
    private static int parseEveryWay(byte[] input) throws Exception {
        int parsed = 0;
        for (int parser = 0; parser < 3; parser++) {
            int which = parser;
            Object body = ALLOCATION.check(input.length, () -> parsedOrMalformed(which, input));
            if (body instanceof MalformedBodyException e) {
                assertThat(e.getMessage()).isNotBlank().matches("[\\x20-\\x7e]*");
            } else {
                assertThat(body).isNotNull();
                parsed++;
            }
        }
        return parsed;
    }

    private static Object parsedOrMalformed(int parser, byte[] input) {
        try {
            return switch (parser) {
                case 0 -> MsgdBodies.join(input);
                case 1 -> MsgdBodies.p2p(input);
                default -> MsgdBodies.publish(input);
            };
        } catch (MalformedBodyException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("parser " + parser + " on " + HexFormat.of().formatHex(input) + " threw " + t, t);
        }
    }

    private static final List<byte[]> FRAMES = List.of(JOIN_FRAME, P2P_FRAME,
            array(MsgdCodec.request(3, new MsgdHeader("V200", MsgdType.KEEPALIVE, 1, 0), new byte[0])),
            array(MsgdCodec.request(4, new MsgdHeader("V200", MsgdType.PUBLISH, 9, 0), "{g,0,m}".getBytes())),
            array(MsgdCodec.reply(5, new MsgdHeader("V200", MsgdType.P2P, 9, 0), MsgdCode.OK)),
            new byte[] {(byte) 0xF7, 0, 0x13, (byte) 0xF7});

    @Test
    void mutatedStreamsDecodeTheSameUnderAnyCut() {
        Random random = new Random(SEED);
        int clean = 0;
        int malformed = 0;
        int requests = 0;
        for (int round = 0; round < STREAMS; round++) {
            byte[] stream = stream(random);
            if (random.nextInt(4) != 0) {
                stream = mutate(stream, random);
            }
            String hex = HexFormat.of().formatHex(stream);
            List<MsgdInput> whole = MsgdDecoderRun.whole(stream);
            for (int i = 0; i < whole.size() - 1; i++) {
                assertThat(whole.get(i)).as(hex).isNotInstanceOf(Malformed.class);
            }
            if (!whole.isEmpty() && whole.get(whole.size() - 1) instanceof Malformed m) {
                malformed++;
                assertThat(m.reason()).isNotBlank().matches("[\\x20-\\x7e]*");
            } else {
                clean++;
            }
            for (MsgdInput input : whole) {
                if (input instanceof Request r) {
                    requests++;
                    assertThat(r.data().length()).isEqualTo(r.header().length());
                }
            }
            assertThat(MsgdDecoderRun.cutAt(stream, StreamDecoderRun.randomCuts(stream.length, random))).as(hex).isEqualTo(whole);
            if (round % 16 == 0) {
                assertThat(MsgdDecoderRun.byteByByte(stream)).as(hex).isEqualTo(whole);
            }
        }
        assertThat(clean).isGreaterThan(STREAMS / 10);
        assertThat(malformed).isGreaterThan(STREAMS / 10);
        assertThat(requests).isGreaterThan(STREAMS);
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(SEED + 1);
        for (int round = 0; round < STREAMS; round++) {
            byte[] stream = new byte[random.nextInt(400)];
            random.nextBytes(stream);
            // sprinkle syncs, so that headers get read
            for (int n = random.nextInt(4); n > 0 && stream.length > 1; n--) {
                int at = random.nextInt(stream.length - 1);
                stream[at] = (byte) 0xF7;
                stream[at + 1] = (byte) 0xF8;
            }
            List<MsgdInput> whole = MsgdDecoderRun.whole(stream);
            assertThat(whole.stream().filter(Malformed.class::isInstance).count()).isLessThanOrEqualTo(1);
            assertThat(MsgdDecoderRun.cutAt(stream, StreamDecoderRun.randomCuts(stream.length, random))).isEqualTo(whole);
        }
    }

    @Test
    void bodyParsersGiveABodyOrMalformedBodyException() throws Exception {
        Random random = new Random(SEED + 2);
        List<byte[]> corpus = List.of(MsgdBodies.joinBody("auto", "test", "test".getBytes()),
                MsgdBodies.p2pBody("auto", "dest", 20, "hello, {you}".getBytes()),
                MsgdBodies.publishBody("grp", 0, "hi".getBytes()));
        int parsed = 0;
        for (int round = 0; round < BODIES; round++) {
            byte[] input;
            if (round % 4 == 0) {
                input = new byte[random.nextInt(60)];
                random.nextBytes(input);
            } else {
                input = mutate(corpus.get(random.nextInt(corpus.size())), random);
            }
            parsed += parseEveryWay(input);
        }
        assertThat(parsed).isGreaterThan(BODIES / 20);
    }

    private static byte[] stream(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = 1 + random.nextInt(5); n > 0; n--) {
            out.writeBytes(FRAMES.get(random.nextInt(FRAMES.size())));
        }
        return out.toByteArray();
    }

    private static final byte[] INTERESTING = {(byte) 0xF7, (byte) 0xF8, 0, 1, 0x14, 'T', 'S', '{', '}', ',', '=',
        (byte) 0xFF, (byte) 0x80};

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        for (int m = 1 + random.nextInt(3); m > 0; m--) {
            int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> {
                    if (bytes.length > 0) {
                        bytes[at] = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)]
                                : (byte) random.nextInt(256);
                    }
                }
                case 1 -> bytes = Arrays.copyOf(bytes, at);
                case 2 -> {
                    if (bytes.length > 0) {
                        byte[] shorter = new byte[bytes.length - 1];
                        System.arraycopy(bytes, 0, shorter, 0, at);
                        System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                        bytes = shorter;
                    }
                }
                case 3 -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                case 4 -> { // a little-endian int somewhere becomes extreme
                    if (bytes.length > 4) {
                        int p = random.nextInt(bytes.length - 3);
                        int value = random.nextBoolean() ? -1 : random.nextInt(3) == 0 ? 0 : random.nextInt(60);
                        ByteBuffer.wrap(bytes, p, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(value);
                    }
                }
                default -> {
                    if (bytes.length > 0) {
                        bytes[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
            }
        }
        return bytes;
    }
}
