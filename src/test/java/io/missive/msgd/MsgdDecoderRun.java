package io.missive.msgd;

import io.missive.protocol.StreamDecoderRun;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

/** Feeds bytes to a {@link MsgdFrameDecoder}, cut where a test says. */
final class MsgdDecoderRun extends StreamDecoderRun<MsgdInput> {

    static final int MAX_FRAME = MsgdCodec.MAX_TRPC_LENGTH;
    /** A small garbage bound, so tests reach it quickly. */
    static final int MAX_GARBAGE = 100;

    MsgdDecoderRun(int maxFrameBytes, int maxGarbageBytes) {
        super(new MsgdFrameDecoder(maxFrameBytes, maxGarbageBytes), MsgdInput.class);
    }

    MsgdDecoderRun() {
        this(MAX_FRAME, MAX_GARBAGE);
    }

    static List<MsgdInput> whole(byte[] stream) {
        return whole(MsgdDecoderRun::new, stream);
    }

    static List<MsgdInput> byteByByte(byte[] stream) {
        return byteByByte(MsgdDecoderRun::new, stream);
    }

    static List<MsgdInput> cutAt(byte[] stream, int... cuts) {
        return cutAt(MsgdDecoderRun::new, stream, cuts);
    }

    /** Bytes from hex, spaces and {@code |} ignored: {@code "f7 f8 | 00"}. */
    static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }

    static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
