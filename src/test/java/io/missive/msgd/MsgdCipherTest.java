package io.missive.msgd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MsgdCipherTest {

    @Test
    void roundTripsForRandomKeysAndInputs() {
        Random random = new Random(0x3d9d_0000L);
        for (int round = 0; round < 5_000; round++) {
            byte[] key = new byte[1 + random.nextInt(40)];
            random.nextBytes(key);
            byte[] plain = new byte[random.nextInt(1100)];
            random.nextBytes(plain);
            byte[] cipher = MsgdCipher.encode(key, plain);
            assertThat(cipher).hasSameSizeAs(plain);
            assertThat(MsgdCipher.decode(key, cipher)).isEqualTo(plain);
            assertThat(MsgdCipher.encode(key, MsgdCipher.decode(key, plain))).isEqualTo(plain);
        }
    }

    @Test
    void theFormulaByHand() {
        byte[] key = {1, 2, (byte) 0xFF}; // F = 258 mod 256 = 2
        byte[] plain = {0, 0, 0, 0, 0, (byte) 0xFF};
        // out[i] = in[i] + F + K[i mod 3] + (i mod 3)
        assertThat(MsgdCipher.encode(key, plain)).containsExactly(3, 5, 3, 3, 5, 2);
    }

    @Test
    void leavesItsInputAloneAndHandlesEmptyInput() {
        byte[] plain = "hello".getBytes(StandardCharsets.US_ASCII);
        byte[] copy = plain.clone();
        MsgdCipher.encode(MsgdCipher.JOIN_KEY, plain);
        assertThat(plain).isEqualTo(copy);
        assertThat(MsgdCipher.encode(MsgdCipher.JOIN_KEY, new byte[0])).isEmpty();
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertThatThrownBy(() -> MsgdCipher.encode(new byte[0], new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsgdCipher.decode(new byte[0], new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }
}
