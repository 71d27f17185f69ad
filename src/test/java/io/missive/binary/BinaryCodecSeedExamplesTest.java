package io.missive.binary;

import static io.missive.TestBytes.SEED_MSG_ID;
import static io.missive.TestBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missive.binary.BinaryFrame.Connect;
import io.missive.binary.BinaryFrame.Disconnect;
import io.missive.binary.BinaryFrame.GroupPartPubAck;
import io.missive.binary.BinaryFrame.GroupPartPublish;
import io.missive.binary.BinaryFrame.GroupPubAck;
import io.missive.binary.BinaryFrame.GroupPublish;
import io.missive.binary.BinaryFrame.Ping;
import io.missive.binary.BinaryFrame.PingResp;
import io.missive.binary.BinaryFrame.PubAck;
import io.missive.binary.BinaryFrame.Publish;
import io.missive.binary.BinaryFrame.Push;
import io.missive.core.model.MessageId;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every byte-level example of seed 002, encoded and decoded exactly. */
class BinaryCodecSeedExamplesTest {

    private static final MessageId MSG_ID = MessageId.ofText(SEED_MSG_ID);
    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.UTF_8);

    @Test
    void connectWithRole() throws Exception {
        // |0x01 |0x00|0x04 |"test" |0x00|0x06 |"123456" |0x01
        byte[] wire = of(0x01, 0x00, 0x04, "test", 0x00, 0x06, "123456", 0x01);
        Connect connect = new Connect("test", "123456", 1, 0);

        assertThat(wire).hasSize(1 + 2 + 4 + 2 + 6 + 1);
        assertThat(BinaryCodec.encodeToArray(connect)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(connect);
    }

    @Test
    void publishToUid1234() throws Exception {
        // |0x03 |0x00|0x00|0x04|0xd2 |"550e8400..."(32 bytes) |0x00|0x0b |"hello world"
        byte[] wire = of(0x03, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID, 0x00, 0x0b, "hello world");
        Publish publish = new Publish(1234, MSG_ID, HELLO);

        assertThat(wire).hasSize(1 + 4 + 32 + 2 + 11);
        assertThat(BinaryCodec.encodeToArray(publish)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(publish);
    }

    @Test
    void pubAck() throws Exception {
        // |0x04 |"550e8400..."
        byte[] wire = of(0x04, SEED_MSG_ID);
        PubAck ack = new PubAck(MSG_ID);

        assertThat(wire).hasSize(33);
        assertThat(BinaryCodec.encodeToArray(ack)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeServerFrame(wire)).isEqualTo(ack);
        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(ack); // a client acks a push the same way
    }

    @Test
    void groupPublishToGroup1234() throws Exception {
        byte[] wire = of(0x05, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID, 0x00, 0x0b, "hello world");
        GroupPublish publish = new GroupPublish(1234, MSG_ID, HELLO);

        assertThat(BinaryCodec.encodeToArray(publish)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(publish);
    }

    @Test
    void groupPubAck() throws Exception {
        byte[] wire = of(0x06, SEED_MSG_ID);
        GroupPubAck ack = new GroupPubAck(MSG_ID);

        assertThat(BinaryCodec.encodeToArray(ack)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeServerFrame(wire)).isEqualTo(ack);
    }

    @Test
    void groupPartPublishWithSixteenBitToUserNum() throws Exception {
        // the field list's form: ToUserNum:16, then [1234, 2345] (2345 = 0x00000929)
        byte[] wire = of(0x0b, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID,
                0x00, 0x02,
                0x00, 0x00, 0x04, 0xd2,
                0x00, 0x00, 0x09, 0x29,
                0x00, 0x0b, "hello world");
        GroupPartPublish publish = new GroupPartPublish(1234, MSG_ID, new long[] {1234, 2345}, HELLO);

        assertThat(wire).hasSize(1 + 4 + 32 + 2 + 8 + 2 + 11);
        assertThat(BinaryCodec.encodeToArray(publish)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(publish);
    }

    /**
     * The seed's byte example shows ToUserNum as one byte (0x02), and its second uid as
     * 00 00 04 d3 (1235, not the 2345 it lists). Read with the 16-bit ToUserNum that the field list
     * (and decisions.md) prescribe, 0x02 0x00 is 512 uids, which need 2048 bytes plus 2 for PayloadLen
     * while only 20 bytes follow: the lengths disagree, so the frame is malformed, never misread.
     */
    @Test
    void groupPartPublishAsInTheSeedsByteExampleIsRejected() {
        byte[] seedExample = of(0x0b, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID,
                0x02,
                0x00, 0x00, 0x04, 0xd2,
                0x00, 0x00, 0x04, 0xd3,
                0x00, 0x0b, "hello world");

        assertThat(seedExample).hasSize(59);
        assertThatThrownBy(() -> BinaryCodec.decodeClientFrame(seedExample))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("GROUP_PART_PUBLISH: ToUserNum 512 needs 2048 bytes of uids and 2 of PayloadLen"
                        + " but 20 bytes follow");
    }

    @Test
    void groupPartPubAck() throws Exception {
        byte[] wire = of(0x0c, SEED_MSG_ID);
        GroupPartPubAck ack = new GroupPartPubAck(MSG_ID);

        assertThat(BinaryCodec.encodeToArray(ack)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeServerFrame(wire)).isEqualTo(ack);
    }

    @Test
    void disconnect() throws Exception {
        assertThat(BinaryCodec.encodeToArray(Disconnect.INSTANCE)).containsExactly(0x09);
        assertThat(BinaryCodec.decodeClientFrame(of(0x09))).isEqualTo(Disconnect.INSTANCE);
        assertThat(BinaryCodec.decodeServerFrame(of(0x09))).isEqualTo(Disconnect.INSTANCE);
    }

    @Test
    void pingAndPingResp() throws Exception {
        assertThat(BinaryCodec.encodeToArray(Ping.INSTANCE)).containsExactly(0x07);
        assertThat(BinaryCodec.encodeToArray(PingResp.INSTANCE)).containsExactly(0x08);
        assertThat(BinaryCodec.decodeServerFrame(of(0x07))).isSameAs(Ping.INSTANCE);
        assertThat(BinaryCodec.decodeClientFrame(of(0x08))).isSameAs(PingResp.INSTANCE);
        // a client may ping too; the server answers PING_RESP
        assertThat(BinaryCodec.decodeClientFrame(of(0x07))).isEqualTo(Ping.INSTANCE);
        assertThat(BinaryCodec.decodeServerFrame(of(0x08))).isEqualTo(PingResp.INSTANCE);
    }

    @Test
    void serverPush() throws Exception {
        // <<?PUBLISH:8, MsgId:32/binary, PayloadLen:16, Payload/binary>>, server to client
        byte[] wire = of(0x03, SEED_MSG_ID, 0x00, 0x0b, "hello world");
        Push push = new Push(MSG_ID, HELLO);

        assertThat(BinaryCodec.encodeToArray(push)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeServerFrame(wire)).isEqualTo(push);
    }

    @Test
    void theSameTypeByteDecodesByDirection() throws Exception {
        byte[] publish = of(0x03, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID, 0x00, 0x0b, "hello world");
        byte[] push = of(0x03, SEED_MSG_ID, 0x00, 0x0b, "hello world");

        assertThat(BinaryCodec.decodeClientFrame(publish)).isInstanceOf(Publish.class);
        assertThat(BinaryCodec.decodeServerFrame(push)).isInstanceOf(Push.class);
        assertThatThrownBy(() -> BinaryCodec.decodeClientFrame(push)).isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> BinaryCodec.decodeServerFrame(publish)).isInstanceOf(MalformedFrameException.class);
    }
}
