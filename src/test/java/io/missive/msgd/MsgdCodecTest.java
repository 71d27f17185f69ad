package io.missive.msgd;

import static io.missive.msgd.MsgdDecoderRun.array;
import static io.missive.msgd.MsgdDecoderRun.unhex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Replies, pushes, the version check, codes and types. */
class MsgdCodecTest {

    private static final MsgdHeader P2P = new MsgdHeader("V200", MsgdType.P2P, 123, 20);

    @Test
    void replyRepeatsTheHeaderWithTypePlusOne() {
        byte[] reply = array(MsgdCodec.reply(2, P2P, MsgdCode.BAD_PUBLISH));
        assertThat(Arrays.copyOf(reply, 33)).isEqualTo(unhex("""
                f7 f8 01 00 00 02 00 00 00 23 00 00 00 | 54 53 52 51 56 32 30 30 0d 01 00 00 7b 00 00 00 0f 00 00 00
                """));
        assertThat(new String(reply, 33, reply.length - 33, StandardCharsets.US_ASCII)).isEqualTo("{errCode=11005}");
    }

    @Test
    void unknownTypeIsNotIncremented() {
        MsgdHeader unknown = new MsgdHeader("V200", 0x200, 9, 0);
        byte[] reply = array(MsgdCodec.reply(3, unknown, MsgdCode.UNKNOWN_TYPE));
        assertThat(Arrays.copyOfRange(reply, 21, 25)).isEqualTo(unhex("00 02 00 00"));
        assertThat(new String(reply, 33, reply.length - 33, StandardCharsets.US_ASCII)).isEqualTo("{errCode=11001}");
    }

    @Test
    void oldVersionReplyRepeatsTheVersionAsSent() {
        MsgdHeader old = new MsgdHeader("V1\0\u00ff", MsgdType.BOTH_JOIN, 0, 35);
        byte[] reply = array(MsgdCodec.reply(1, old, MsgdCode.OLD_VERSION));
        assertThat(Arrays.copyOfRange(reply, 17, 25)).isEqualTo(unhex("56 31 00 ff 07 01 00 00"));
    }

    @Test
    void repliesDecodeBackThroughTheDecoder() {
        for (MsgdCode code : MsgdCode.values()) {
            byte[] reply = array(MsgdCodec.reply(77, P2P, code));
            byte[] body = Arrays.copyOfRange(reply, 33, reply.length);
            assertThat(MsgdCodec.errCode(body)).isEqualTo(code.code());
            assertThat(MsgdCode.ofCode(code.code())).isSameAs(code);
            // a reply's length fields agree
            assertThat(reply[9] & 0xFF).isEqualTo(20 + body.length);
            assertThat(reply[29] & 0xFF).isEqualTo(body.length);
        }
        assertThat(MsgdCode.ofCode(1)).isNull();
        assertThat(MsgdCodec.errCode("{errCode=x}".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @Test
    void codes() {
        assertThat(MsgdCode.values()).extracting(MsgdCode::code)
                .containsExactly(10000, 11001, 11002, 11003, 11004, 11005, 11006);
    }

    @Test
    void pushesSayV200AndTypeZero() {
        byte[] push = array(MsgdCodec.push(-2, MsgdType.COMPLETION, 5, new byte[0]));
        assertThat(push).isEqualTo(unhex("""
                f7 f8 00 00 00 fe ff ff ff 14 00 00 00 | 54 53 52 51 56 32 30 30 0e 01 00 00 05 00 00 00 00 00 00 00
                """));
        assertThatThrownBy(() -> MsgdCodec.push(1, MsgdType.DELIVERY, 1, new byte[MsgdCodec.MAX_DATA_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void versionCheckIsStrncmpOverFourBytes() {
        assertThat(new MsgdHeader("V200", 0, 0, 0).versionSupported()).isTrue();
        assertThat(new MsgdHeader("V201", 0, 0, 0).versionSupported()).isTrue();
        assertThat(new MsgdHeader("V300", 0, 0, 0).versionSupported()).isTrue();
        assertThat(new MsgdHeader("V2a0", 0, 0, 0).versionSupported()).isTrue();
        assertThat(new MsgdHeader("V\u00ff\0\0", 0, 0, 0).versionSupported()).as("unsigned bytes").isTrue();
        assertThat(new MsgdHeader("V199", 0, 0, 0).versionSupported()).isFalse();
        assertThat(new MsgdHeader("V100", 0, 0, 0).versionSupported()).isFalse();
        assertThat(new MsgdHeader("V20\0", 0, 0, 0).versionSupported()).as("a NUL ends the string early").isFalse();
        assertThat(new MsgdHeader("\0\0\0\0", 0, 0, 0).versionSupported()).as("unset, as old pushes left it").isFalse();
        assertThat(new MsgdHeader("W200", 0, 0, 0).versionSupported()).as("first byte must be V").isFalse();
        assertThat(new MsgdHeader("v200", 0, 0, 0).versionSupported()).isFalse();
        assertThat(new MsgdHeader("V\u0080\0\0", 0, 0, 0).printableVersion()).isEqualTo("V\\x80\\x00\\x00");
        assertThatThrownBy(() -> new MsgdHeader("V20", 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MsgdHeader("V20\u0100", 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void types() {
        assertThat(MsgdType.isJoin(MsgdType.NORMAL_JOIN)).isTrue();
        assertThat(MsgdType.isJoin(MsgdType.BOTH_JOIN)).isTrue();
        assertThat(MsgdType.isJoin(MsgdType.KEEPALIVE)).isFalse();
        assertThat(MsgdType.isRequest(MsgdType.P2P)).isTrue();
        assertThat(MsgdType.isRequest(MsgdType.COMPLETION)).isFalse();
        assertThat(MsgdType.isRequest(0x101)).isFalse();
        assertThat(MsgdType.replyTo(MsgdType.PUBLISH)).isEqualTo(0x10B);
        assertThat(MsgdType.name(MsgdType.SUBSCRIBER_JOIN)).isEqualTo("SUBSCRIBER_JOIN");
        assertThat(MsgdType.name(0x10E)).isEqualTo("0x10e");
    }
}
