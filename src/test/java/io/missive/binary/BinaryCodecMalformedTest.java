package io.missive.binary;

import static io.missive.TestBytes.SEED_MSG_ID;
import static io.missive.TestBytes.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.missive.binary.BinaryFrame.Connect;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Bytes that are not a frame: each is rejected with MalformedFrameException and a precise reason. */
class BinaryCodecMalformedTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> fromClient(byte[] bytes) {
        return assertThatThrownBy(() -> BinaryCodec.decodeClientFrame(bytes)).isInstanceOf(MalformedFrameException.class);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> fromServer(byte[] bytes) {
        return assertThatThrownBy(() -> BinaryCodec.decodeServerFrame(bytes)).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void emptyFrame() {
        fromClient(new byte[0]).hasMessage("empty frame");
        fromServer(new byte[0]).hasMessage("empty frame");
        assertThatThrownBy(() -> BinaryCodec.decodeClientFrame(ByteBuffer.allocate(0)))
                .isInstanceOf(MalformedFrameException.class).hasMessage("empty frame");
    }

    @Test
    void unknownTypes() {
        fromClient(of(0x63)).hasMessage("unknown frame type 0x63");
        fromServer(of(0x63, 1, 2, 3)).hasMessage("unknown frame type 0x63");
        fromClient(of(0x00)).hasMessage("unknown frame type 0x00");
        fromClient(of(0x0e)).hasMessage("unknown frame type 0x0e");
        fromServer(of(0xff)).hasMessage("unknown frame type 0xff");
    }

    @Test
    void typesTheServerDoesNotAcceptFromClients() {
        fromClient(of(0x02, 0x00)).hasMessage("frame type 0x02 (CONNECT_ACK) is not sent by clients");
        fromClient(of(0x06, SEED_MSG_ID)).hasMessage("frame type 0x06 (GROUP_PUB_ACK) is not sent by clients");
        fromClient(of(0x0a, SEED_MSG_ID, 1, 0, 0)).hasMessage("frame type 0x0a (PUB_REFUSED) is not sent by clients");
        fromClient(of(0x0c, SEED_MSG_ID)).hasMessage("frame type 0x0c (GROUP_PART_PUB_ACK) is not sent by clients");
        fromClient(of(0x0d)).hasMessage("frame type 0x0d (RICH_PUSH) is not sent by clients");
    }

    @Test
    void typesAClientDoesNotAcceptFromTheServer() {
        fromServer(of(0x01, 0, 1, "u", 0, 1, "p")).hasMessage("frame type 0x01 (CONNECT) is not sent by servers");
        fromServer(of(0x05)).hasMessage("frame type 0x05 (GROUP_PUBLISH) is not sent by servers");
        fromServer(of(0x0b)).hasMessage("frame type 0x0b (GROUP_PART_PUBLISH) is not sent by servers");
    }

    @Test
    void everyPrefixOfEveryValidFrameIsMalformed() {
        for (BinaryFrame frame : ValidFrames.FROM_CLIENT) {
            byte[] wire = BinaryCodec.encodeToArray(frame);
            int validFrom = frame instanceof Connect ? ValidFrames.connectMandatoryLength(wire) : wire.length;
            for (int n = 0; n < wire.length; n++) {
                byte[] prefix = Arrays.copyOf(wire, n);
                if (n >= validFrom) {
                    // CONNECT's Role and Flags are optional: dropping them leaves a valid CONNECT
                    assertThat(decodesFromClient(prefix)).as("prefix %d of %s", n, frame).isTrue();
                } else {
                    assertThat(decodesFromClient(prefix)).as("prefix %d of %s", n, frame).isFalse();
                }
            }
        }
        for (BinaryFrame frame : ValidFrames.FROM_SERVER) {
            byte[] wire = BinaryCodec.encodeToArray(frame);
            for (int n = 0; n < wire.length; n++) {
                byte[] prefix = Arrays.copyOf(wire, n);
                assertThatThrownBy(() -> BinaryCodec.decodeServerFrame(prefix))
                        .as("prefix %d of %s", n, frame).isInstanceOf(MalformedFrameException.class);
            }
        }
    }

    private static boolean decodesFromClient(byte[] bytes) {
        try {
            BinaryCodec.decodeClientFrame(bytes);
            return true;
        } catch (MalformedFrameException e) {
            return false;
        }
    }

    @Test
    void truncationReasons() {
        fromClient(of(0x03, 0x00, 0x00)).hasMessage("PUBLISH: truncated in ToUid: needs 4 bytes but 2 bytes follow");
        fromClient(of(0x03, 0x00, 0x00, 0x04, 0xd2, "550e"))
                .hasMessage("PUBLISH: truncated in MsgId: needs 32 bytes but 4 bytes follow");
        fromClient(of(0x03, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID, 0x00))
                .hasMessage("PUBLISH: truncated in PayloadLen: needs 2 bytes but 1 byte follows");
        fromClient(of(0x04, Arrays.copyOf(SEED_MSG_ID.getBytes(), 31)))
                .hasMessage("PUB_ACK: truncated in MsgId: needs 32 bytes but 31 bytes follow");
        fromServer(of(0x02)).hasMessage("CONNECT_ACK: truncated in Code: needs 1 byte but 0 bytes follow");
        fromClient(of(0x01, 0x00)).hasMessage("CONNECT: truncated in UsernameLen: needs 2 bytes but 1 byte follows");
        fromServer(of(0x0d, SEED_MSG_ID, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3))
                .hasMessage("RICH_PUSH: truncated in Seq: needs 8 bytes but 3 bytes follow");
    }

    @Test
    void payloadLengthTooLongOrTooShort() {
        fromClient(of(0x03, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID, 0x00, 0x0b, "hello wor"))
                .hasMessage("PUBLISH: PayloadLen 11 but 9 bytes follow");
        fromClient(of(0x03, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID, 0x00, 0x0b, "hello world!!"))
                .hasMessage("PUBLISH: PayloadLen 11 but 13 bytes follow");
        fromClient(of(0x05, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID, 0xff, 0xff, "hello world"))
                .hasMessage("GROUP_PUBLISH: PayloadLen 65535 but 11 bytes follow");
        fromServer(of(0x03, SEED_MSG_ID, 0x00, 0x0a, "hello world"))
                .hasMessage("PUBLISH (push): PayloadLen 10 but 11 bytes follow");
        fromServer(of(0x03, SEED_MSG_ID, 0x00, 0x0c, "hello world"))
                .hasMessage("PUBLISH (push): PayloadLen 12 but 11 bytes follow");
        fromServer(of(0x0d, SEED_MSG_ID, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
                0, 0, 0, 0, 0, 0, 0, 2, 0x00, 0x01))
                .hasMessage("RICH_PUSH: PayloadLen 1 but 0 bytes follow");
        fromClient(of(0x0b, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID, 0x00, 0x01, 0x00, 0x00, 0x04, 0xd2, 0x00, 0x05, "hello world"))
                .hasMessage("GROUP_PART_PUBLISH: PayloadLen 5 but 11 bytes follow");
    }

    @Test
    void connectLengthsThatDisagree() {
        fromClient(of(0x01, 0x00, 0x09, "test")).hasMessage("CONNECT: UsernameLen 9 but 4 bytes follow");
        fromClient(of(0x01, 0xff, 0xff, "test", 0x00, 0x06, "123456"))
                .hasMessage("CONNECT: UsernameLen 65535 but 12 bytes follow");
        fromClient(of(0x01, 0x00, 0x04, "test", 0x00, 0x07, "123456"))
                .hasMessage("CONNECT: PasswordLen 7 but 6 bytes follow");
        fromClient(of(0x01, 0x00, 0x04, "test", 0x00, 0x06, "123456", 0x01, 0x01, 0x00))
                .hasMessage("CONNECT: 3 bytes after the password (only Role and Flags, one byte each, may follow)");
        fromClient(of(0x01, 0x00, 0x04, "test", 0x00, 0x02, "123456"))
                .hasMessageStartingWith("CONNECT: 4 bytes after the password");
    }

    @Test
    void textThatIsNotUtf8() {
        fromClient(of(0x01, 0x00, 0x02, 0xc3, 0x28, 0x00, 0x00)).hasMessage("CONNECT: Username is not valid UTF-8");
        fromClient(of(0x01, 0x00, 0x01, "u", 0x00, 0x03, 0xed, 0xa0, 0x80))
                .hasMessage("CONNECT: Password is not valid UTF-8"); // an encoded surrogate
        fromClient(of(0x01, 0x00, 0x02, 0xc0, 0x80, 0x00, 0x00)).hasMessage("CONNECT: Username is not valid UTF-8");
        fromServer(of(0x0a, SEED_MSG_ID, 0x01, 0x00, 0x01, 0xff)).hasMessage("PUB_REFUSED: Reason is not valid UTF-8");
    }

    @Test
    void bodiesAfterFramesWithoutOne() {
        fromClient(of(0x07, 0x00)).hasMessage("PING: 1 byte after the type, none expected");
        fromClient(of(0x08, 0x00, 0x00)).hasMessage("PING_RESP: 2 bytes after the type, none expected");
        fromClient(of(0x09, 0x09)).hasMessage("DISCONNECT: 1 byte after the type, none expected");
        fromServer(of(0x07, 0x07)).hasMessage("PING: 1 byte after the type, none expected");
    }

    @Test
    void trailingBytesAfterFixedFrames() {
        fromClient(of(0x04, SEED_MSG_ID, 0x00, 0x00)).hasMessage("PUB_ACK: 2 bytes after the MsgId, none expected");
        fromServer(of(0x06, SEED_MSG_ID, 0x01)).hasMessage("GROUP_PUB_ACK: 1 byte after the MsgId, none expected");
        fromServer(of(0x0c, SEED_MSG_ID, 0x01)).hasMessage("GROUP_PART_PUB_ACK: 1 byte after the MsgId, none expected");
        fromServer(of(0x02, 0x00, 0x00)).hasMessage("CONNECT_ACK: 1 byte after the Code, none expected");
        fromServer(of(0x0a, SEED_MSG_ID, 0x01, 0x00, 0x01, "ab"))
                .hasMessage("PUB_REFUSED: 1 byte after the Reason, none expected");
    }

    @Test
    void zeroUidsAndGroups() {
        fromClient(of(0x03, 0, 0, 0, 0, SEED_MSG_ID, 0x00, 0x00)).hasMessage("PUBLISH: ToUid 0 is not a valid user");
        fromClient(of(0x05, 0, 0, 0, 0, SEED_MSG_ID, 0x00, 0x00))
                .hasMessage("GROUP_PUBLISH: GroupId 0 is not a valid group");
        fromClient(of(0x0b, 0, 0, 0, 0, SEED_MSG_ID, 0x00, 0x01, 0, 0, 0, 1, 0x00, 0x00))
                .hasMessage("GROUP_PART_PUBLISH: GroupId 0 is not a valid group");
        fromClient(of(0x0b, 0, 0, 0, 9, SEED_MSG_ID, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 0, 0x00, 0x00))
                .hasMessage("GROUP_PART_PUBLISH: ToUid #2 is 0, not a valid user");
    }

    @Test
    void groupPartPublishCounts() {
        fromClient(of(0x0b, 0, 0, 0, 9, SEED_MSG_ID, 0x00, 0x00, 0x00, 0x00))
                .hasMessage("GROUP_PART_PUBLISH: ToUserNum is 0");
        fromClient(of(0x0b, 0, 0, 0, 9, SEED_MSG_ID, 0xff, 0xff, 0, 0, 0, 1, 0x00, 0x00))
                .hasMessage("GROUP_PART_PUBLISH: ToUserNum 65535 needs 262140 bytes of uids and 2 of PayloadLen"
                        + " but 6 bytes follow");
        fromClient(of(0x0b, 0, 0, 0, 9, SEED_MSG_ID, 0x00, 0x02, 0, 0, 0, 1, 0x00, 0x00))
                .hasMessage("GROUP_PART_PUBLISH: ToUserNum 2 needs 8 bytes of uids and 2 of PayloadLen"
                        + " but 6 bytes follow");
    }

    @Test
    void malformedFrameExceptionsCarryNoStackTrace() {
        try {
            BinaryCodec.decodeClientFrame(of(0x03, 0x00, 0x00, 0x04, 0xd2, SEED_MSG_ID, 0x00, 0x0b, "hello wor"));
            fail("decoded");
        } catch (MalformedFrameException e) {
            assertThat(e.getStackTrace()).isEmpty(); // cheap under a flood of bad frames
        }
    }
}
