package io.missive.msgd;

import static io.missive.msgd.MsgdDecoderRun.array;
import static io.missive.msgd.MsgdDecoderRun.unhex;
import static io.missive.msgd.MsgdSpecExamplesTest.JOIN_FRAME;
import static io.missive.msgd.MsgdSpecExamplesTest.P2P_FRAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missive.core.model.Bytes;
import io.missive.msgd.MsgdInput.BadMagic;
import io.missive.msgd.MsgdInput.Malformed;
import io.missive.msgd.MsgdInput.Request;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trpc framing: fragmentation, resynchronisation, and every way a frame can be bad. */
class MsgdFrameDecoderTest {

    private static final byte[] KEEPALIVE = array(MsgdCodec.request(3,
            new MsgdHeader("V200", MsgdType.KEEPALIVE, 1, 0), new byte[0]));

    static byte[] of(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A trpc frame with any header fields and payload. */
    static byte[] trpc(int type, int seq, int length, byte[] payload) {
        return ByteBuffer.allocate(13 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xF7).put((byte) 0xF8).put((byte) type).putShort((short) 0xABCD) // padding as garbage
                .putInt(seq).putInt(length).put(payload).array();
    }

    /** A msgd payload with any header fields. */
    static byte[] msgd(int magic, String version, int type, int seq, int length, byte[] data) {
        return ByteBuffer.allocate(20 + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(magic).put(version.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))
                .putInt(type).putInt(seq).putInt(length).put(data).array();
    }

    private static List<MsgdInput> decode(byte[] stream) {
        List<MsgdInput> whole = MsgdDecoderRun.whole(stream);
        assertThat(MsgdDecoderRun.byteByByte(stream)).as("byte by byte").isEqualTo(whole);
        return whole;
    }

    private static Request join() {
        return (Request) MsgdDecoderRun.whole(JOIN_FRAME).get(0);
    }

    private static Request p2p() {
        return (Request) MsgdDecoderRun.whole(P2P_FRAME).get(0);
    }

    @Test
    void twoFramesDecodeTheSameUnderEveryCut() {
        byte[] stream = of(JOIN_FRAME, P2P_FRAME);
        List<MsgdInput> expected = List.of(join(), p2p());
        assertThat(MsgdDecoderRun.whole(stream)).isEqualTo(expected);
        for (int cut = 1; cut < stream.length; cut++) {
            assertThat(MsgdDecoderRun.cutAt(stream, cut)).as("cut at %d", cut).isEqualTo(expected);
            for (int second = cut + 1; second < stream.length; second += 7) {
                assertThat(MsgdDecoderRun.cutAt(stream, cut, second)).as("cut at %d and %d", cut, second)
                        .isEqualTo(expected);
            }
        }
        assertThat(MsgdDecoderRun.byteByByte(stream)).isEqualTo(expected);
    }

    @Test
    void keepaliveWithoutDataIsARequestWithEmptyData() {
        assertThat(decode(KEEPALIVE)).containsExactly(
                new Request(3, new MsgdHeader("V200", MsgdType.KEEPALIVE, 1, 0), new Bytes(new byte[0])));
    }

    @Test
    void paddingIsIgnoredAndNothingIsCheckedBeyondTheFraming() {
        // unknown msgd type, old version, negative seqs: the connection's business, not the decoder's
        byte[] frame = trpc(0, -7, 22, msgd(MsgdCodec.MAGIC, "V1\0\0", 0x999, -1, 2, new byte[] {1, 2}));
        List<MsgdInput> inputs = decode(frame);
        assertThat(inputs).containsExactly(new Request(-7, new MsgdHeader("V1\0\0", 0x999, -1, 2),
                new Bytes(new byte[] {1, 2})));
        assertThat(((Request) inputs.get(0)).header().versionSupported()).isFalse();
    }

    @Test
    void garbageBeforeAndBetweenFramesIsSkipped() {
        byte[] garbage = unhex("00 01 f8 f7 00 ff f8 54 53 52 51");
        assertThat(decode(of(garbage, JOIN_FRAME, garbage, P2P_FRAME, garbage))).containsExactly(join(), p2p());
    }

    @Test
    void repeatedSync1StaysInSync() {
        assertThat(decode(of(unhex("f7"), JOIN_FRAME))).containsExactly(join());
        assertThat(decode(of(unhex("f7 f7 f7 f7"), JOIN_FRAME))).containsExactly(join());
        assertThat(decode(of(unhex("00 f7 00 f7 f7"), P2P_FRAME))).containsExactly(p2p());
    }

    @Test
    void garbageUpToTheBoundIsFinePastItMalformed() {
        byte[] justEnough = new byte[MsgdDecoderRun.MAX_GARBAGE];
        assertThat(decode(of(justEnough, JOIN_FRAME, justEnough, P2P_FRAME))).containsExactly(join(), p2p());
        // a pending F7 is not counted, it may be a sync: bound bytes of garbage and then F7 F8 still syncs
        assertThat(decode(of(justEnough, JOIN_FRAME))).containsExactly(join());

        byte[] tooMuch = new byte[MsgdDecoderRun.MAX_GARBAGE + 1];
        List<MsgdInput> inputs = decode(of(tooMuch, JOIN_FRAME));
        assertThat(inputs).containsExactly(new Malformed("more than 100 bytes without a trpc sync (F7 F8)"));
        // F7s count as garbage when no F8 follows
        byte[] sync1s = new byte[MsgdDecoderRun.MAX_GARBAGE + 2];
        Arrays.fill(sync1s, (byte) 0xF7);
        sync1s[sync1s.length - 1] = 0;
        assertThat(decode(sync1s)).hasSize(1).first().isInstanceOf(Malformed.class);
        // a long run of F7 ending in F8 is one sync and bound-many garbage bytes
        byte[] run = new byte[MsgdDecoderRun.MAX_GARBAGE + 1];
        Arrays.fill(run, (byte) 0xF7);
        assertThat(decode(of(run, Arrays.copyOfRange(JOIN_FRAME, 1, JOIN_FRAME.length)))).containsExactly(join());
        // after a frame the count starts again
        assertThat(decode(of(justEnough, JOIN_FRAME, justEnough, P2P_FRAME, justEnough))).containsExactly(join(), p2p());
    }

    @Test
    void theDefaultGarbageBoundIs64KiB() {
        assertThat(MsgdFrameDecoder.DEFAULT_MAX_GARBAGE_BYTES).isEqualTo(65536);
    }

    @Test
    void lengthZeroIsMalformed() {
        assertThat(decode(of(trpc(0, 9, 0, new byte[0]), P2P_FRAME)))
                .containsExactly(new Malformed("trpc length 0 is not 1..40959; seq 9"));
    }

    @Test
    void lengthOver40959IsMalformedBeforeThePayloadArrives() {
        MsgdDecoderRun run = new MsgdDecoderRun();
        assertThat(run.feed(trpc(0, 9, 40960, new byte[0])))
                .containsExactly(new Malformed("trpc length 40960 is not 1..40959; seq 9"));
        assertThat(run.feed(P2P_FRAME)).isEmpty();
        assertThat(run.finish()).isEmpty();
        assertThat(decode(trpc(0, 9, -1, new byte[0]))).containsExactly(new Malformed("trpc length -1 is not 1..40959; seq 9"));
    }

    @Test
    void lengthExactly40959IsAFrame() {
        byte[] data = new byte[MsgdCodec.MAX_DATA_BYTES];
        byte[] frame = array(MsgdCodec.push(1, MsgdType.P2P, 1, data));
        assertThat(MsgdDecoderRun.whole(frame)).containsExactly(
                new Request(1, new MsgdHeader("V200", MsgdType.P2P, 1, data.length), new Bytes(data)));
    }

    @Test
    void aLowerMaxFrameBytesIsHonouredAndAHigherOneCapped() {
        MsgdDecoderRun small = new MsgdDecoderRun(40, 100);
        assertThat(small.feed(of(P2P_FRAME, JOIN_FRAME))).containsExactly(p2p(),
                new Malformed("trpc length 55 is not 1..40; seq 1"));
        MsgdDecoderRun big = new MsgdDecoderRun(1 << 20, 100);
        assertThat(big.feed(trpc(0, 2, 40960, new byte[0]))).containsExactly(
                new Malformed("trpc length 40960 is not 1..40959; seq 2"));
        assertThatThrownBy(() -> new MsgdFrameDecoder(19)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MsgdFrameDecoder(100, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortPayloadIsMalformed() {
        assertThat(decode(of(trpc(0, 4, 19, new byte[19]), P2P_FRAME)))
                .containsExactly(new Malformed("trpc length 19 is shorter than the 20-byte msgd header; seq 4"));
        assertThat(decode(trpc(0, 4, 1, new byte[1]))).hasSize(1).first().isInstanceOf(Malformed.class);
    }

    @Test
    void badMagicIsReportedAndTheNextFrameStillDecodes() {
        byte[] bad = trpc(0, 5, 25, msgd(0x51525355, "V200", MsgdType.P2P, 1, 5, new byte[5]));
        assertThat(decode(of(bad, P2P_FRAME))).containsExactly(new BadMagic(5), p2p());
        // a bad magic is judged before the msgd length
        byte[] badBoth = trpc(0, 6, 20, msgd(0, "V200", MsgdType.P2P, 1, 99, new byte[0]));
        assertThat(decode(of(badBoth, JOIN_FRAME))).containsExactly(new BadMagic(6), join());
    }

    @Test
    void msgdLengthMismatchIsMalformed() {
        byte[] longer = trpc(0, 7, 25, msgd(MsgdCodec.MAGIC, "V200", MsgdType.P2P, 1, 6, new byte[5]));
        assertThat(decode(of(longer, P2P_FRAME))).containsExactly(
                new Malformed("msgd length 6 but 5 bytes follow the msgd header; trpc seq 7, msgd type P2P"));
        byte[] shorter = trpc(0, 7, 25, msgd(MsgdCodec.MAGIC, "V200", 0x300, 1, 4, new byte[5]));
        assertThat(decode(shorter)).containsExactly(
                new Malformed("msgd length 4 but 5 bytes follow the msgd header; trpc seq 7, msgd type 0x300"));
    }

    @Test
    void repliesFromTheClientAreSkipped() {
        byte[] reply = trpc(1, 1, 3, new byte[] {(byte) 0xF7, (byte) 0xF8, 0});
        assertThat(decode(of(reply, JOIN_FRAME, reply, P2P_FRAME))).containsExactly(join(), p2p());
        // a reply's length is checked all the same
        assertThat(decode(trpc(1, 1, 0, new byte[0]))).hasSize(1).first().isInstanceOf(Malformed.class);
    }

    @Test
    void otherTrpcTypesAreMalformed() {
        assertThat(decode(of(trpc(2, 8, 20, new byte[20]), JOIN_FRAME)))
                .containsExactly(new Malformed("trpc type 2 is neither 0 (request) nor 1 (reply); seq 8"));
    }

    @Test
    void nothingAfterMalformed() {
        MsgdDecoderRun run = new MsgdDecoderRun();
        assertThat(run.feed(JOIN_FRAME)).containsExactly(join());
        assertThat(run.feed(trpc(0, 2, 0, new byte[0]))).hasSize(1);
        for (int i = 0; i < 5; i++) {
            assertThat(run.feed(of(JOIN_FRAME, P2P_FRAME))).isEmpty();
        }
        assertThat(run.finish()).isEmpty();
    }

    @Test
    void aFrameCutShortAtTheEndGivesNothing() {
        List<MsgdInput> out = new ArrayList<>();
        for (int n = 0; n < JOIN_FRAME.length; n++) {
            out.addAll(MsgdDecoderRun.whole(Arrays.copyOf(JOIN_FRAME, n)));
        }
        assertThat(out).isEmpty();
    }
}
