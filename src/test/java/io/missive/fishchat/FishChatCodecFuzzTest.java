package io.missive.fishchat;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.missive.protocol.AllocationBound;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Jazzer's coverage-guided frame bodies into {@link FishChatCodec#decode}: a command or
 * {@link MalformedCommandException}, nothing else, allocating in proportion to the body (a JSON tree
 * of it at most); a command encodes to a body that decodes to the same command (unless it holds a
 * lone surrogate, which the Go server's encoding replaces).
 */
class FishChatCodecFuzzTest {

    private static final AllocationBound ALLOCATION = new AllocationBound(64 * 1024, 64);

    /**
     * Under {@code -Pfuzz} Jazzer's generated input; in {@code ./mvnw verify} the inputs committed in
     * {@code FishChatCodecFuzzTestInputs/anyBodyDecodesToACommandOrIsMalformed}.
     */
    @FuzzTest
    void anyBodyDecodesToACommandOrIsMalformed(byte[] body) throws Exception {
        Object outcome = ALLOCATION.check(body.length, () -> decodeOrMalformed(body));
        if (outcome instanceof MalformedCommandException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        FishChatCommand command = (FishChatCommand) outcome;
        if (Stream.concat(Stream.of(command.name()), command.args().stream()).noneMatch(FishChatCodecFuzzTest::loneSurrogate)) {
            ByteBuffer again = FishChatCodec.encode(command);
            byte[] bytes = new byte[again.remaining()];
            again.get(bytes);
            assertThat(FishChatCodec.decode(bytes)).isEqualTo(command);
        }
    }

    private static Object decodeOrMalformed(byte[] body) {
        try {
            return FishChatCodec.decode(body);
        } catch (MalformedCommandException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("decode(" + HexFormat.of().formatHex(body) + ") threw " + t, t);
        }
    }

    private static boolean loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
