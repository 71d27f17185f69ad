package io.missive.bench.client;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What a load-generator message carries, encoded into a fixed-size payload (100 bytes unless a
 * scenario says otherwise): the time it was meant to be sent ({@link System#nanoTime()} of this
 * JVM), the scenario step it belongs to (so that stragglers of an earlier step are not counted in
 * the next), the publisher and its sequence number (so that every message is unique).
 */
public record LoadMessage(long intendedNanos, int step, int publisher, long sequence) {

    /** The bytes this record needs at the start of a payload; the rest is filler. */
    public static final int HEADER_BYTES = 8 + 4 + 4 + 8;
    public static final int DEFAULT_PAYLOAD_BYTES = 100;

    private static final byte FILLER = (byte) 'x';

    /** The payload: this record, then filler up to {@code size} bytes. */
    public byte[] toPayload(int size) {
        if (size < HEADER_BYTES) {
            throw new IllegalArgumentException("a payload needs at least " + HEADER_BYTES + " bytes, not " + size);
        }
        byte[] payload = new byte[size];
        Arrays.fill(payload, HEADER_BYTES, size, FILLER);
        ByteBuffer.wrap(payload).putLong(intendedNanos).putInt(step).putInt(publisher).putLong(sequence);
        return payload;
    }

    public static LoadMessage fromPayload(byte[] payload) {
        if (payload.length < HEADER_BYTES) {
            throw new IllegalArgumentException("not a load-generator payload: " + payload.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        return new LoadMessage(in.getLong(), in.getInt(), in.getInt(), in.getLong());
    }

    /**
     * The same fields as 16 bytes written as 32 lower-case hex digits: a binary-protocol MsgId that
     * is unique per message and gives the message back when the server acknowledges it, without a
     * map of messages in flight.
     */
    public String toHexId() {
        return String.format("%016x%04x%04x%08x", intendedNanos, step & 0xffff, publisher & 0xffff, sequence & 0xffffffffL);
    }

    /** The inverse of {@link #toHexId()} (step and publisher below 65536, sequence below 2^32). */
    public static LoadMessage fromHexId(String hex) {
        if (hex.length() != 32) {
            throw new IllegalArgumentException("not a load-generator id: " + hex);
        }
        return new LoadMessage(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Integer.parseInt(hex.substring(16, 20), 16),
                Integer.parseInt(hex.substring(20, 24), 16),
                Long.parseLong(hex.substring(24, 32), 16));
    }
}
