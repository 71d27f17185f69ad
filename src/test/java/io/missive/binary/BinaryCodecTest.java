package io.missive.binary;

import static io.missive.TestBytes.SEED_MSG_ID;
import static io.missive.TestBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missive.binary.BinaryFrame.Connect;
import io.missive.binary.BinaryFrame.ConnectAck;
import io.missive.binary.BinaryFrame.GroupPartPublish;
import io.missive.binary.BinaryFrame.GroupPublish;
import io.missive.binary.BinaryFrame.PubAck;
import io.missive.binary.BinaryFrame.PubRefused;
import io.missive.binary.BinaryFrame.Publish;
import io.missive.binary.BinaryFrame.Push;
import io.missive.binary.BinaryFrame.RichPush;
import io.missive.core.model.MessageId;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** CONNECT's optional bytes, Missive's frames, encoding limits and buffer handling. */
class BinaryCodecTest {

    private static final MessageId MSG_ID = MessageId.ofText(SEED_MSG_ID);
    private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.UTF_8);

    @Test
    void connectWithoutRoleMeansRoleZero() throws Exception {
        byte[] wire = of(0x01, 0x00, 0x04, "test", 0x00, 0x06, "123456");

        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(new Connect("test", "123456", 0, 0));
        assertThat(BinaryCodec.encodeToArray(new Connect("test", "123456"))).isEqualTo(wire);
    }

    @Test
    void connectWithAnExplicitZeroRoleIsAcceptedAndReencodedWithoutIt() throws Exception {
        byte[] wire = of(0x01, 0x00, 0x04, "test", 0x00, 0x06, "123456", 0x00);

        Connect connect = (Connect) BinaryCodec.decodeClientFrame(wire);
        assertThat(connect).isEqualTo(new Connect("test", "123456", 0, 0));
        assertThat(BinaryCodec.encodeToArray(connect)).isEqualTo(Arrays.copyOf(wire, wire.length - 1));
    }

    @Test
    void connectWithFlags() throws Exception {
        byte[] wire = of(0x01, 0x00, 0x04, "test", 0x00, 0x06, "123456", 0x01, 0x01);
        Connect connect = new Connect("test", "123456", 1, Connect.FLAG_RICH_PUSH);

        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(connect);
        assertThat(BinaryCodec.encodeToArray(connect)).isEqualTo(wire);
        assertThat(connect.wantsRichPush()).isTrue();
        assertThat(new Connect("test", "123456", 1, 0).wantsRichPush()).isFalse();
    }

    @Test
    void connectWithFlagsAndRoleZeroWritesTheRoleByte() throws Exception {
        byte[] wire = of(0x01, 0x00, 0x01, "u", 0x00, 0x01, "p", 0x00, 0x01);
        Connect connect = new Connect("u", "p", 0, 1);

        assertThat(BinaryCodec.encodeToArray(connect)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(connect);
    }

    @Test
    void connectWithUtf8AndEmptyStrings() throws Exception {
        Connect connect = new Connect("用户😀", "", 0, 0);
        byte[] wire = BinaryCodec.encodeToArray(connect);

        assertThat(wire).isEqualTo(of(0x01, 0x00, 0x0a, "用户😀", 0x00, 0x00));
        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(connect);
    }

    @Test
    void connectToStringHidesThePassword() {
        assertThat(new Connect("test", "s3cret!", 1, 0).toString()).contains("test").doesNotContain("s3cret");
    }

    @Test
    void connectAckCodes() throws Exception {
        for (ConnectCode code : ConnectCode.values()) {
            byte[] wire = of(0x02, code.code());
            assertThat(BinaryCodec.encodeToArray(new ConnectAck(code))).isEqualTo(wire);
            ConnectAck ack = (ConnectAck) BinaryCodec.decodeServerFrame(wire);
            assertThat(ack.connectCode()).isEqualTo(code);
            assertThat(ack.accepted()).isEqualTo(code == ConnectCode.ACCEPTED);
        }
        assertThat(ConnectCode.values()).extracting(ConnectCode::code).containsExactly(0, 1, 3, 4, 5, 6, 7);
        // a code this client does not know is still a CONNECT_ACK
        assertThat(((ConnectAck) BinaryCodec.decodeServerFrame(of(0x02, 0x63))).connectCode()).isNull();
    }

    @Test
    void pubRefused() throws Exception {
        PubRefused refused = new PubRefused(MSG_ID, RefusalCode.NOT_A_MEMBER, "not in group 1234");
        byte[] wire = of(0x0a, SEED_MSG_ID, 0x02, 0x00, 0x11, "not in group 1234");

        assertThat(BinaryCodec.encodeToArray(refused)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeServerFrame(wire)).isEqualTo(refused);
        assertThat(refused.refusalCode()).isEqualTo(RefusalCode.NOT_A_MEMBER);
        assertThat(RefusalCode.values()).extracting(RefusalCode::code).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(BinaryCodec.decodeServerFrame(of(0x0a, SEED_MSG_ID, 0x06, 0x00, 0x00)))
                .isEqualTo(new PubRefused(MSG_ID, RefusalCode.SERVER_ERROR, ""))
                .isEqualTo(new PubRefused(MSG_ID, RefusalCode.SERVER_ERROR, null));
    }

    @Test
    void richPush() throws Exception {
        RichPush push = new RichPush(MSG_ID, 2345, 1234, 0x0102030405060708L, 1_700_000_000_123L, HELLO);
        byte[] wire = of(0x0d, SEED_MSG_ID,
                0x00, 0x00, 0x09, 0x29,
                0x00, 0x00, 0x04, 0xd2,
                0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
                0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x7b,
                0x00, 0x0b, "hello world");

        assertThat(wire).hasSize(1 + 32 + 4 + 4 + 8 + 8 + 2 + 11);
        assertThat(BinaryCodec.encodeToArray(push)).isEqualTo(wire);
        assertThat(BinaryCodec.decodeServerFrame(wire)).isEqualTo(push);
        assertThat(push.isGroupMessage()).isTrue();
    }

    @Test
    void richPushOneToOneHasGroupZeroAndLargeUnsignedValuesSurvive() throws Exception {
        RichPush push = new RichPush(MSG_ID, 0xFFFF_FFFFL, 0, -1L, Long.MIN_VALUE, new byte[0]);
        byte[] wire = BinaryCodec.encodeToArray(push);

        assertThat(BinaryCodec.decodeServerFrame(wire)).isEqualTo(push);
        assertThat(push.isGroupMessage()).isFalse();
    }

    @Test
    void uidsAreUnsigned32Bit() throws Exception {
        Publish publish = new Publish(0xFFFF_FFFFL, MSG_ID, new byte[0]);
        byte[] wire = BinaryCodec.encodeToArray(publish);

        assertThat(Arrays.copyOfRange(wire, 1, 5)).containsExactly(0xff, 0xff, 0xff, 0xff);
        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(publish);
        assertThat(((Publish) BinaryCodec.decodeClientFrame(wire)).toUid()).isEqualTo(4_294_967_295L);
    }

    @Test
    void largestPayloadAndUidCountEncode() throws Exception {
        byte[] payload = new byte[65535];
        Arrays.fill(payload, (byte) 7);
        Push push = new Push(MSG_ID, payload);
        assertThat(BinaryCodec.decodeServerFrame(BinaryCodec.encodeToArray(push))).isEqualTo(push);

        long[] uids = new long[65535];
        Arrays.setAll(uids, i -> i + 1L);
        GroupPartPublish publish = new GroupPartPublish(9, MSG_ID, uids, payload);
        byte[] wire = BinaryCodec.encodeToArray(publish);
        assertThat(wire).hasSize(1 + 4 + 32 + 2 + 4 * 65535 + 2 + 65535);
        assertThat(BinaryCodec.decodeClientFrame(wire)).isEqualTo(publish);
    }

    @Test
    void tooLargeOrInvalidFramesCannotBeMade() {
        assertThatThrownBy(() -> new Publish(1, MSG_ID, new byte[65536])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Push(MSG_ID, new byte[65536])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupPartPublish(1, MSG_ID, new long[65536], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupPartPublish(1, MSG_ID, new long[0], new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupPartPublish(1, MSG_ID, new long[] {5, 0}, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Publish(0, MSG_ID, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Publish(1L << 32, MSG_ID, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroupPublish(0, MSG_ID, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connect("x".repeat(65536), "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connect("\ud800", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Connect("u", "p", 256, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConnectAck(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RichPush(MSG_ID, -1, 0, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PubAck(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aUidListChangedAfterwardsToZeroIsNotEncoded() {
        long[] uids = {1, 2};
        GroupPartPublish publish = new GroupPartPublish(1, MSG_ID, uids, new byte[0]);
        uids[1] = 0;
        assertThatThrownBy(() -> BinaryCodec.encodeToArray(publish)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodeIntoLeavesRoomForATransportHeader() throws Exception {
        PubAck ack = new PubAck(MSG_ID);
        int length = BinaryCodec.encodedLength(ack);
        byte[] target = new byte[4 + length];

        assertThat(BinaryCodec.encodeInto(ack, target, 4)).isEqualTo(33);
        assertThat(Arrays.copyOfRange(target, 4, target.length)).isEqualTo(of(0x04, SEED_MSG_ID));
        assertThatThrownBy(() -> BinaryCodec.encodeInto(ack, new byte[33], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void encodeGivesAFullBigEndianBuffer() {
        ByteBuffer buffer = BinaryCodec.encode(new Push(MSG_ID, HELLO));

        assertThat(buffer.position()).isZero();
        assertThat(buffer.remaining()).isEqualTo(46);
        assertThat(buffer.order()).isEqualTo(ByteOrder.BIG_ENDIAN);
    }

    @Test
    void decodingReadsFromPositionToLimitOfAnyBufferAndLeavesItsPosition() throws Exception {
        byte[] frame = of(0x03, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID, 0x00, 0x0b, "hello world");
        Publish expected = new Publish(1234, MSG_ID, HELLO);
        byte[] padded = new byte[frame.length + 10];
        System.arraycopy(frame, 0, padded, 3, frame.length);

        ByteBuffer slice = ByteBuffer.wrap(padded, 3, frame.length).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(BinaryCodec.decodeClientFrame(slice)).isEqualTo(expected);
        assertThat(slice.position()).isEqualTo(3);

        ByteBuffer offsetSlice = ByteBuffer.wrap(padded).position(3).slice().limit(frame.length);
        assertThat(BinaryCodec.decodeClientFrame(offsetSlice)).isEqualTo(expected);

        ByteBuffer direct = ByteBuffer.allocateDirect(frame.length).put(frame).flip();
        assertThat(BinaryCodec.decodeClientFrame(direct)).isEqualTo(expected);
        assertThat(direct.position()).isZero();

        assertThat(BinaryCodec.decodeClientFrame(ByteBuffer.wrap(frame).asReadOnlyBuffer())).isEqualTo(expected);
    }

    @Test
    void decodedPayloadIsACopy() throws Exception {
        byte[] frame = of(0x03, SEED_MSG_ID, 0x00, 0x01, 0x41);
        Push push = (Push) BinaryCodec.decodeServerFrame(frame);
        frame[frame.length - 1] = 0x42;
        assertThat(push.payload()).containsExactly(0x41);
    }

    @Test
    void framesWithArraysCompareByContent() {
        assertThat(new Push(MSG_ID, new byte[] {1, 2})).isEqualTo(new Push(MSG_ID, new byte[] {1, 2}))
                .hasSameHashCodeAs(new Push(MSG_ID, new byte[] {1, 2}))
                .isNotEqualTo(new Push(MSG_ID, new byte[] {1, 3}));
        assertThat(new GroupPartPublish(1, MSG_ID, new long[] {1, 2}, new byte[0]))
                .isEqualTo(new GroupPartPublish(1, MSG_ID, new long[] {1, 2}, new byte[0]))
                .isNotEqualTo(new GroupPartPublish(1, MSG_ID, new long[] {2, 1}, new byte[0]));
        assertThat(new Publish(7, MSG_ID, HELLO).toString()).contains("toUid=7", "11 bytes", "68656c6c6f");
    }

    @Test
    void frameTypesAndDirections() {
        assertThat(FrameType.values()).extracting(FrameType::code)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
        assertThat(Arrays.stream(FrameType.values()).filter(FrameType::sentByClients))
                .containsExactlyInAnyOrder(FrameType.CONNECT, FrameType.PUBLISH, FrameType.PUB_ACK,
                        FrameType.GROUP_PUBLISH, FrameType.GROUP_PART_PUBLISH, FrameType.PING, FrameType.PING_RESP,
                        FrameType.DISCONNECT);
        assertThat(Arrays.stream(FrameType.values()).filter(FrameType::sentByServers))
                .containsExactlyInAnyOrder(FrameType.CONNECT_ACK, FrameType.PUBLISH, FrameType.PUB_ACK,
                        FrameType.GROUP_PUB_ACK, FrameType.GROUP_PART_PUB_ACK, FrameType.PING, FrameType.PING_RESP,
                        FrameType.DISCONNECT, FrameType.PUB_REFUSED, FrameType.RICH_PUSH);
        assertThat(FrameType.ofCode(0)).isNull();
        assertThat(FrameType.ofCode(14)).isNull();
        assertThat(FrameType.ofCode(-1)).isNull();
        assertThat(FrameType.ofCode(256)).isNull();
    }
}
