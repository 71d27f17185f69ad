package io.missive.msgd;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * msgd's scramble (not security): with a key K of length L >= 1 and F = (sum of K's bytes) mod 256,
 * {@code out[i] = (in[i] + F + K[i mod L] + (i mod L)) mod 256}; decoding subtracts the same. The
 * output is as long as the input. Stateless; every call returns a new array.
 */
public final class MsgdCipher {

    /** The fixed key of the join body, {@code "winkywang"} (F = 223). */
    public static final byte[] JOIN_KEY = "winkywang".getBytes(StandardCharsets.US_ASCII);

    private MsgdCipher() {
    }

    public static byte[] encode(byte[] key, byte[] plain) {
        return apply(key, plain, 1);
    }

    public static byte[] decode(byte[] key, byte[] cipher) {
        return apply(key, cipher, -1);
    }

    private static byte[] apply(byte[] key, byte[] in, int sign) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(in, "input");
        if (key.length == 0) {
            throw new IllegalArgumentException("a msgd key has at least one byte");
        }
        int f = 0;
        for (byte k : key) {
            f += k & 0xFF;
        }
        byte[] out = new byte[in.length];
        for (int i = 0, j = 0; i < in.length; i++) {
            out[i] = (byte) (in[i] + sign * (f + (key[j] & 0xFF) + j));
            if (++j == key.length) {
                j = 0;
            }
        }
        return out;
    }
}
