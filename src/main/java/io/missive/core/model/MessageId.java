package io.missive.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A message's identity: exactly 32 bytes, opaque to the server. Clients choose their own
 * (the binary protocol's MsgId, usually a UUID without dashes); ids the server makes are
 * 32 lower-case hex digits. Recipients de-duplicate by it.
 */
public final class MessageId {

    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;

    private MessageId(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    /** Wraps a copy of exactly 32 bytes. */
    public static MessageId of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a message id has " + LENGTH + " bytes, not " + bytes.length);
        }
        return new MessageId(bytes.clone());
    }

    /** Wraps 32 bytes from an array, copying them. */
    public static MessageId of(byte[] source, int offset) {
        if (source.length - offset < LENGTH) {
            throw new IllegalArgumentException("fewer than " + LENGTH + " bytes for a message id");
        }
        return new MessageId(Arrays.copyOfRange(source, offset, offset + LENGTH));
    }

    /** A 32-character ASCII id, such as "550e8400e29b41d4a716446655440000". */
    public static MessageId ofText(String text) {
        return of(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** A new server-made id: a random UUID as 32 lower-case hex digits. */
    public static MessageId random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID uuid = new UUID(random.nextLong(), random.nextLong());
        return ofText(uuid.toString().replace("-", ""));
    }

    /** A copy of the 32 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Writes the 32 bytes into a target array. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    /** The id as text: the characters themselves when printable ASCII, else "hex:" and the bytes in hex. */
    public String toText() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return "hex:" + HEX.formatHex(bytes);
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return toText();
    }
}
