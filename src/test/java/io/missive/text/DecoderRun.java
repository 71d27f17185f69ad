package io.missive.text;

import io.missive.protocol.StreamDecoderRun;

import java.util.List;

/** Feeds bytes to a {@link TextCommandDecoder}, cut where a test says. */
final class DecoderRun extends StreamDecoderRun<TextCommand> {

    static final int MAX_LINE = 64;
    static final int MAX_BODY = 100;

    DecoderRun(int maxLineBytes, int maxBodyBytes) {
        super(new TextCommandDecoder(maxLineBytes, maxBodyBytes), TextCommand.class);
    }

    DecoderRun() {
        this(MAX_LINE, MAX_BODY);
    }

    static List<TextCommand> whole(byte[] stream) {
        return whole(DecoderRun::new, stream);
    }

    static List<TextCommand> byteByByte(byte[] stream) {
        return byteByByte(DecoderRun::new, stream);
    }

    static List<TextCommand> cutAt(byte[] stream, int... cuts) {
        return cutAt(DecoderRun::new, stream, cuts);
    }
}
