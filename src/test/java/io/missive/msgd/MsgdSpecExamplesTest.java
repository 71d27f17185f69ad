package io.missive.msgd;

import static io.missive.msgd.MsgdDecoderRun.array;
import static io.missive.msgd.MsgdDecoderRun.unhex;
import static org.assertj.core.api.Assertions.assertThat;

import io.missive.core.model.Bytes;
import io.missive.msgd.MsgdBodies.Join;
import io.missive.msgd.MsgdBodies.P2p;
import io.missive.msgd.MsgdInput.Request;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every worked example of protocols/msgd.md, byte for byte, both ways. */
class MsgdSpecExamplesTest {

    static final byte[] JOIN_FRAME = unhex("""
            f7 f8 00 00 00 01 00 00 00 37 00 00 00 | 54 53 52 51 56 32 30 30 06 01 00 00 00 00 00 00 23 00 00 00 |
            d1 b0 c1 bc d1 cb 83 b5 c3 ca b8 7b c2 cf c0 b8 91 c2 bb bc c3 79 c1 c9 a9 c6 c7 c6 bd 8c c1 c1 ce ba d1
            """);
    static final byte[] JOIN_DATA = Arrays.copyOfRange(JOIN_FRAME, 33, JOIN_FRAME.length);
    static final byte[] JOIN_REPLY = concat(unhex("""
            f7 f8 01 00 00 01 00 00 00 23 00 00 00 | 54 53 52 51 56 32 30 30 07 01 00 00 00 00 00 00 0f 00 00 00
            """), "{errCode=10000}");
    static final byte[] P2P_FRAME = unhex("""
            f7 f8 00 00 00 02 00 00 00 28 00 00 00 | 54 53 52 51 56 32 30 30 0c 01 00 00 7b 00 00 00 14 00 00 00 |
            af 87 aa ab a3 52 99 9c a7 9a 61 69 64 52 9d 9c a0 92 a4 b4
            """);
    static final byte[] P2P_DATA = Arrays.copyOfRange(P2P_FRAME, 33, P2P_FRAME.length);
    static final byte[] KEY = "test".getBytes(StandardCharsets.US_ASCII);

    private static byte[] concat(byte[] head, String tail) {
        byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(head, head.length + t.length);
        System.arraycopy(t, 0, out, head.length, t.length);
        return out;
    }

    @Test
    void bothJoinDecodesToHeaderAndData() {
        List<MsgdInput> inputs = MsgdDecoderRun.whole(JOIN_FRAME);
        assertThat(inputs).containsExactly(new Request(1, new MsgdHeader("V200", MsgdType.BOTH_JOIN, 0, 0x23),
                new Bytes(JOIN_DATA)));
        assertThat(MsgdDecoderRun.byteByByte(JOIN_FRAME)).isEqualTo(inputs);
        assertThat(((Request) inputs.get(0)).header().versionSupported()).isTrue();
    }

    @Test
    void joinDataDeciphersWithTheJoinKeyAndParses() throws Exception {
        byte[] plain = MsgdCipher.decode(MsgdCipher.JOIN_KEY, JOIN_DATA);
        assertThat(new String(plain, StandardCharsets.US_ASCII)).isEqualTo("{group=auto,user=test,encrypt=test}");
        assertThat(MsgdBodies.join(plain)).isEqualTo(new Join("auto", "test", new Bytes(KEY)));
        // and back
        assertThat(MsgdCipher.encode(MsgdCipher.JOIN_KEY, MsgdBodies.joinBody("auto", "test", KEY))).isEqualTo(JOIN_DATA);
        assertThat(array(MsgdCodec.request(1, new MsgdHeader("V200", MsgdType.BOTH_JOIN, 0, 0), JOIN_DATA)))
                .isEqualTo(JOIN_FRAME);
    }

    @Test
    void joinReplyEncodesExactly() {
        MsgdHeader request = new MsgdHeader("V200", MsgdType.BOTH_JOIN, 0, 0x23);
        assertThat(array(MsgdCodec.reply(1, request, MsgdCode.OK))).isEqualTo(JOIN_REPLY);
        assertThat(MsgdCodec.reply(1, request, MsgdCode.OK).position()).isZero();
    }

    @Test
    void p2pDecodesDeciphersAndParses() throws Exception {
        List<MsgdInput> inputs = MsgdDecoderRun.whole(P2P_FRAME);
        assertThat(inputs).containsExactly(new Request(2, new MsgdHeader("V200", MsgdType.P2P, 123, 20),
                new Bytes(P2P_DATA)));
        byte[] plain = MsgdCipher.decode(KEY, P2P_DATA);
        assertThat(new String(plain, StandardCharsets.US_ASCII)).isEqualTo("{auto,dest,20,hello}");
        P2p p2p = MsgdBodies.p2p(plain);
        assertThat(p2p).isEqualTo(new P2p("auto", "dest", 20, new Bytes("hello".getBytes(StandardCharsets.US_ASCII))));
        assertThat(MsgdCipher.encode(KEY, MsgdBodies.p2pBody("auto", "dest", 20, p2p.messageBytes()))).isEqualTo(P2P_DATA);
    }

    @Test
    void deliveryOfHelloWithKeyTest() {
        byte[] data = MsgdCipher.encode(KEY, "hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(data).isEqualTo(unhex("9c 8b a1 a3 a3"));
        byte[] frame = array(MsgdCodec.push(5, MsgdType.DELIVERY, 123, data));
        assertThat(frame).isEqualTo(unhex("""
                f7 f8 00 00 00 05 00 00 00 19 00 00 00 | 54 53 52 51 56 32 30 30 0c 01 00 00 7b 00 00 00 05 00 00 00 |
                9c 8b a1 a3 a3
                """));
    }

    @Test
    void completionBody() {
        assertThat(new String(MsgdCodec.completion(0, 123), StandardCharsets.US_ASCII))
                .isEqualTo("{\"errCode\"=0,\"msgId\"=123}");
        assertThat(new String(MsgdCodec.completion(-3, 7), StandardCharsets.US_ASCII))
                .isEqualTo("{\"errCode\"=-3,\"msgId\"=7}");
        byte[] frame = array(MsgdCodec.push(6, MsgdType.COMPLETION, 123, MsgdCodec.completion(0, 123)));
        assertThat(Arrays.copyOfRange(frame, 0, 33)).isEqualTo(unhex("""
                f7 f8 00 00 00 06 00 00 00 2d 00 00 00 | 54 53 52 51 56 32 30 30 0e 01 00 00 7b 00 00 00 19 00 00 00
                """));
    }

    @Test
    void joinKeyGivesF223() {
        int f = 0;
        for (byte b : MsgdCipher.JOIN_KEY) {
            f += b & 0xFF;
        }
        assertThat(f % 256).isEqualTo(223);
        // with the zero-byte plaintext the cipher shows F + K[i] + i directly
        assertThat(MsgdCipher.encode(MsgdCipher.JOIN_KEY, new byte[1])[0] & 0xFF).isEqualTo((223 + 'w') % 256);
    }
}
