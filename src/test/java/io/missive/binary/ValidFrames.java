package io.missive.binary;

import io.missive.binary.BinaryFrame.Connect;
import io.missive.binary.BinaryFrame.ConnectAck;
import io.missive.binary.BinaryFrame.Disconnect;
import io.missive.binary.BinaryFrame.GroupPartPubAck;
import io.missive.binary.BinaryFrame.GroupPartPublish;
import io.missive.binary.BinaryFrame.GroupPubAck;
import io.missive.binary.BinaryFrame.GroupPublish;
import io.missive.binary.BinaryFrame.Ping;
import io.missive.binary.BinaryFrame.PingResp;
import io.missive.binary.BinaryFrame.PubAck;
import io.missive.binary.BinaryFrame.PubRefused;
import io.missive.binary.BinaryFrame.Publish;
import io.missive.binary.BinaryFrame.Push;
import io.missive.binary.BinaryFrame.RichPush;
import io.missive.core.model.MessageId;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** At least one valid frame of every kind, for each direction. */
final class ValidFrames {

    static final MessageId ID = MessageId.ofText(io.missive.TestBytes.SEED_MSG_ID);
    static final byte[] HELLO = "hello world".getBytes(StandardCharsets.UTF_8);

    /** Frames a client sends (decoded by decodeClientFrame). */
    static final List<BinaryFrame> FROM_CLIENT = List.of(
            new Connect("test", "123456", 1, 0),
            new Connect("test", "123456"),
            new Connect("test", "123456", 0, 1),
            new Connect("名前", "pässwörd", 200, 0xff),
            new Publish(1234, ID, HELLO),
            new Publish(1, MessageId.random(), new byte[0]),
            new PubAck(ID),
            new GroupPublish(1234, ID, HELLO),
            new GroupPartPublish(1234, ID, new long[] {1234, 2345}, HELLO),
            new GroupPartPublish(0xFFFF_FFFFL, ID, new long[] {7}, new byte[0]),
            Ping.INSTANCE,
            PingResp.INSTANCE,
            Disconnect.INSTANCE);

    /** Frames the server sends (decoded by decodeServerFrame). */
    static final List<BinaryFrame> FROM_SERVER = List.of(
            new ConnectAck(ConnectCode.ACCEPTED),
            new ConnectAck(ConnectCode.BAD_CREDENTIALS),
            new Push(ID, HELLO),
            new Push(ID, new byte[0]),
            new PubAck(ID),
            new GroupPubAck(ID),
            new GroupPartPubAck(ID),
            new PubRefused(ID, RefusalCode.UNKNOWN_GROUP, "no group 77"),
            new PubRefused(ID, 6, ""),
            new RichPush(ID, 2345, 0, 17, 1_700_000_000_000L, HELLO),
            new RichPush(ID, 2345, 1234, 18, 1_700_000_000_001L, new byte[0]),
            Ping.INSTANCE,
            PingResp.INSTANCE,
            Disconnect.INSTANCE);

    private ValidFrames() {
    }

    /** The length of a CONNECT without its optional Role and Flags bytes. */
    static int connectMandatoryLength(byte[] wire) {
        int usernameLength = ((wire[1] & 0xff) << 8) | (wire[2] & 0xff);
        int p = 3 + usernameLength;
        int passwordLength = ((wire[p] & 0xff) << 8) | (wire[p + 1] & 0xff);
        return p + 2 + passwordLength;
    }
}
