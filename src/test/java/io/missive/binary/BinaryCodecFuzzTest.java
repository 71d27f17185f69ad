package io.missive.binary;

import static io.missive.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.missive.binary.BinaryFrame.Connect;
import io.missive.protocol.AllocationBound;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated bytes, and Jazzer's coverage-guided ones, fed to both decoders: the only outcomes
 * are a valid frame or {@link MalformedFrameException}, with no more allocated than the frame's own
 * size allows, and a valid frame encodes back to the same bytes (CONNECT to its shortest form, which
 * only drops trailing zero Role/Flags bytes).
 */
class BinaryCodecFuzzTest {

    private static final long SEED = 0x4d15_5173L;
    private static final int ROUNDS = 200_000;
    /** A frame is decoded in place: a few exception and frame objects, and copies of its fields at most. */
    private static final AllocationBound ALLOCATION = new AllocationBound(32 * 1024, 4);

    private int decoded;

    /**
     * Under {@code -Pfuzz} Jazzer's generated input; in {@code ./mvnw verify} the inputs committed in
     * {@code BinaryCodecFuzzTestInputs/anyBytesDecodeToAFrameOrAreMalformed}: seeds and past findings.
     */
    @FuzzTest
    void anyBytesDecodeToAFrameOrAreMalformed(byte[] input) throws Exception {
        check(input, true);
        check(input, false);
    }

    @Test
    void randomAndMutatedBytesDecodeToAFrameOrAreMalformed() throws Exception {
        Random random = new Random(SEED);
        List<byte[]> corpus = new ArrayList<>();
        for (BinaryFrame frame : ValidFrames.FROM_CLIENT) {
            corpus.add(BinaryCodec.encodeToArray(frame));
        }
        for (BinaryFrame frame : ValidFrames.FROM_SERVER) {
            corpus.add(BinaryCodec.encodeToArray(frame));
        }

        for (int round = 0; round < ROUNDS; round++) {
            byte[] input = round % 4 == 0
                    ? randomBytes(random)
                    : mutate(corpus.get(random.nextInt(corpus.size())), random);
            check(input, true);
            check(input, false);
        }
        // the mutations keep many inputs valid, so the round-trip check is exercised too
        assertThat(decoded).isGreaterThan(ROUNDS / 20);
    }

    private void check(byte[] input, boolean fromClient) throws Exception {
        Object outcome = ALLOCATION.check(input.length, () -> decodeOrMalformed(input, fromClient));
        if (outcome instanceof MalformedFrameException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        BinaryFrame frame = (BinaryFrame) outcome;
        decoded++;
        boolean legalDirection = fromClient ? frame.type().sentByClients() : frame.type().sentByServers();
        assertThat(legalDirection).isTrue();
        byte[] again = BinaryCodec.encodeToArray(frame);
        if (frame instanceof Connect) {
            // Role and Flags are optional and written only when not 0: the input may carry zero bytes more
            assertThat(input.length - again.length).as(() -> hex(input)).isBetween(0, 2);
            assertThat(Arrays.copyOf(input, again.length)).as(() -> hex(input)).isEqualTo(again);
            for (int i = again.length; i < input.length; i++) {
                assertThat(input[i]).as(() -> hex(input)).isZero();
            }
        } else {
            assertThat(again).as(() -> hex(input)).isEqualTo(input);
        }
        try {
            BinaryFrame twice = fromClient ? BinaryCodec.decodeClientFrame(again) : BinaryCodec.decodeServerFrame(again);
            assertThat(twice).isEqualTo(frame);
        } catch (MalformedFrameException e) {
            fail("re-encoded " + frame + " does not decode: " + e.getMessage());
        }
    }

    /** The frame, or the {@link MalformedFrameException}; anything else thrown fails the test. */
    private static Object decodeOrMalformed(byte[] input, boolean fromClient) {
        try {
            return fromClient ? BinaryCodec.decodeClientFrame(ByteBuffer.wrap(input))
                    : BinaryCodec.decodeServerFrame(ByteBuffer.wrap(input));
        } catch (MalformedFrameException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("decode" + (fromClient ? "Client" : "Server") + "Frame(" + hex(input)
                    + ") threw " + t, t);
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(90)];
        random.nextBytes(bytes);
        if (bytes.length > 0 && random.nextBoolean()) {
            bytes[0] = (byte) random.nextInt(16); // mostly known types
        }
        return bytes;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] bytes = valid.clone();
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(8)) {
                case 0: // flip a byte
                    if (bytes.length > 0) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                    break;
                case 1: // flip a bit
                    if (bytes.length > 0) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                    break;
                case 2: // truncate
                    bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                    break;
                case 3: // append
                    byte[] tail = new byte[1 + random.nextInt(4)];
                    random.nextBytes(tail);
                    if (random.nextBoolean()) {
                        Arrays.fill(tail, (byte) 0);
                    }
                    bytes = concat(bytes, tail);
                    break;
                case 4: // delete one byte
                    if (bytes.length > 0) {
                        int at = random.nextInt(bytes.length);
                        byte[] shorter = new byte[bytes.length - 1];
                        System.arraycopy(bytes, 0, shorter, 0, at);
                        System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                        bytes = shorter;
                    }
                    break;
                case 5: // a 16-bit length field somewhere becomes extreme or off by one
                    if (bytes.length > 2) {
                        int at = random.nextInt(bytes.length - 1);
                        int value = random.nextBoolean() ? 0xffff : random.nextInt(3) == 0 ? 0 : random.nextInt(64);
                        bytes[at] = (byte) (value >> 8);
                        bytes[at + 1] = (byte) value;
                    }
                    break;
                case 6: // another type byte
                    if (bytes.length > 0) {
                        bytes[0] = (byte) random.nextInt(16);
                    }
                    break;
                default: // zero a 4-byte field
                    if (bytes.length > 4) {
                        int at = 1 + random.nextInt(bytes.length - 4);
                        Arrays.fill(bytes, at, at + 4, (byte) 0);
                    }
                    break;
            }
        }
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
