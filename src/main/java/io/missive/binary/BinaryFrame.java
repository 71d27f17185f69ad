package io.missive.binary;

import io.missive.core.model.Bytes;
import io.missive.core.model.MessageId;
import io.missive.core.model.Uids;

import java.util.Objects;

/**
 * One frame of the binary protocol (seed 002 and Missive's additions), decoded. Every record
 * checks its fields when made, so a frame that exists can be encoded: uids and group ids are
 * unsigned 32-bit (held in a {@code long}) and not 0, one-byte fields are 0 to 255, payloads
 * and strings fit their 16-bit lengths. A violation is an {@link IllegalArgumentException}.
 *
 * <p>Byte arrays (payloads, uid lists) are held as values ({@link Bytes}, {@link Uids}), equal by
 * content, and are not copied, neither in nor out: the decoder gives each frame arrays of its own;
 * whoever makes a frame must not change an array afterwards.
 *
 * <p>Frame type 3 has two layouts: {@link Publish} (client to server, with ToUid) and {@link Push}
 * (server to client, without). See {@link BinaryCodec} for which frames each side decodes.
 */
public sealed interface BinaryFrame permits AckFrame, PayloadFrame, BareFrame, BinaryFrame.Connect,
        BinaryFrame.ConnectAck, BinaryFrame.PubRefused {

    /** This frame's type, the first byte on the wire. */
    FrameType type();

    /** The bytes after the type byte: each frame knows its own layout. */
    int bodyLength();

    /** Writes the bytes after the type byte, exactly {@link #bodyLength()} of them. */
    void writeBody(FrameWriter out);

    /**
     * CONNECT (1), client to server: log in. {@code role} is the seed's optional Role byte
     * (absent means 0); {@code flags} is Missive's optional Flags byte after it (absent means 0):
     * bit 0 ({@link #FLAG_RICH_PUSH}) asks for {@link RichPush} instead of {@link Push}.
     * Encoded in the shortest form: Role only when role or flags is not 0, Flags only when not 0.
     */
    record Connect(String username, String password, int role, int flags) implements BinaryFrame {
        /** Flags bit 0: push this connection's messages as RICH_PUSH (Missive addition). */
        public static final int FLAG_RICH_PUSH = 0x01;

        public Connect {
            Wire.requireString16("username", username);
            Wire.requireString16("password", password);
            Wire.requireU8("role", role);
            Wire.requireU8("flags", flags);
        }

        /** Role 0, no flags: exactly the seed's CONNECT without the optional Role byte. */
        public Connect(String username, String password) {
            this(username, password, 0, 0);
        }

        /** Whether the client asked for RICH_PUSH. */
        public boolean wantsRichPush() {
            return (flags & FLAG_RICH_PUSH) != 0;
        }

        @Override
        public FrameType type() {
            return FrameType.CONNECT;
        }

        /** Role only when role or flags is not 0, Flags only when not 0. */
        @Override
        public int bodyLength() {
            int optional = flags != 0 ? 2 : role != 0 ? 1 : 0;
            return FrameWriter.string16Length(username) + FrameWriter.string16Length(password) + optional;
        }

        @Override
        public void writeBody(FrameWriter out) {
            out.string16(username).string16(password);
            if (role != 0 || flags != 0) {
                out.u8(role);
            }
            if (flags != 0) {
                out.u8(flags);
            }
        }

        /** Leaves the password out. */
        @Override
        public String toString() {
            return "Connect[username=" + username + ", password=(hidden), role=" + role
                    + ", flags=" + flags + "]";
        }
    }

    /** CONNECT_ACK (2), server to client: the answer to CONNECT; see {@link ConnectCode}. */
    record ConnectAck(int code) implements BinaryFrame {
        public ConnectAck {
            Wire.requireU8("code", code);
        }

        public ConnectAck(ConnectCode code) {
            this(code.code());
        }

        /** The code as a constant, or null when it is none of the known codes. */
        public ConnectCode connectCode() {
            return ConnectCode.ofCode(code);
        }

        /** Whether the login succeeded (code 0). */
        public boolean accepted() {
            return code == ConnectCode.ACCEPTED.code();
        }

        @Override
        public FrameType type() {
            return FrameType.CONNECT_ACK;
        }

        @Override
        public int bodyLength() {
            return 1;
        }

        @Override
        public void writeBody(FrameWriter out) {
            out.u8(code);
        }
    }

    /** PUBLISH (3), client to server: {@code <<3, ToUid:32, MsgId:32 bytes, PayloadLen:16, Payload>>}. */
    record Publish(long toUid, MessageId msgId, Bytes body) implements PayloadFrame {
        public Publish {
            Wire.requireId("toUid", toUid);
            Objects.requireNonNull(msgId, "msgId");
            Wire.requirePayload(body.value());
        }

        public Publish(long toUid, MessageId msgId, byte[] payload) {
            this(toUid, msgId, new Bytes(payload));
        }

        @Override
        public FrameType type() {
            return FrameType.PUBLISH;
        }

        @Override
        public int bodyLength() {
            return 4 + MessageId.LENGTH + FrameWriter.payloadLength(body);
        }

        @Override
        public void writeBody(FrameWriter out) {
            out.id(toUid).msgId(msgId).payload(body);
        }
    }

    /** PUBLISH (3), server to client, the seed's push: {@code <<3, MsgId:32 bytes, PayloadLen:16, Payload>>}. */
    record Push(MessageId msgId, Bytes body) implements PayloadFrame {
        public Push {
            Objects.requireNonNull(msgId, "msgId");
            Wire.requirePayload(body.value());
        }

        public Push(MessageId msgId, byte[] payload) {
            this(msgId, new Bytes(payload));
        }

        @Override
        public FrameType type() {
            return FrameType.PUBLISH;
        }

        @Override
        public int bodyLength() {
            return MessageId.LENGTH + FrameWriter.payloadLength(body);
        }

        @Override
        public void writeBody(FrameWriter out) {
            out.msgId(msgId).payload(body);
        }
    }

    /**
     * PUB_ACK (4), both directions: {@code <<4, MsgId:32 bytes>>}. From the server: the PUBLISH with
     * this MsgId is stored. From a client: the push (or rich push) with this MsgId arrived.
     */
    record PubAck(MessageId msgId) implements AckFrame {
        public PubAck {
            Objects.requireNonNull(msgId, "msgId");
        }

        @Override
        public FrameType type() {
            return FrameType.PUB_ACK;
        }
    }

    /** GROUP_PUBLISH (5), client to server: {@code <<5, GroupId:32, MsgId:32 bytes, PayloadLen:16, Payload>>}. */
    record GroupPublish(long groupId, MessageId msgId, Bytes body) implements PayloadFrame {
        public GroupPublish {
            Wire.requireId("groupId", groupId);
            Objects.requireNonNull(msgId, "msgId");
            Wire.requirePayload(body.value());
        }

        public GroupPublish(long groupId, MessageId msgId, byte[] payload) {
            this(groupId, msgId, new Bytes(payload));
        }

        @Override
        public FrameType type() {
            return FrameType.GROUP_PUBLISH;
        }

        @Override
        public int bodyLength() {
            return 4 + MessageId.LENGTH + FrameWriter.payloadLength(body);
        }

        @Override
        public void writeBody(FrameWriter out) {
            out.id(groupId).msgId(msgId).payload(body);
        }
    }

    /** GROUP_PUB_ACK (6), server to client: {@code <<6, MsgId:32 bytes>>}; the group message is stored. */
    record GroupPubAck(MessageId msgId) implements AckFrame {
        public GroupPubAck {
            Objects.requireNonNull(msgId, "msgId");
        }

        @Override
        public FrameType type() {
            return FrameType.GROUP_PUB_ACK;
        }
    }

    /**
     * GROUP_PART_PUBLISH (11), client to server:
     * {@code <<11, GroupId:32, MsgId:32 bytes, ToUserNum:16, ToUid:32 x ToUserNum, PayloadLen:16, Payload>>},
     * 1 to 65535 uids, none of them 0.
     */
    record GroupPartPublish(long groupId, MessageId msgId, Uids to, Bytes body) implements PayloadFrame {
        public GroupPartPublish {
            Wire.requireId("groupId", groupId);
            Objects.requireNonNull(msgId, "msgId");
            Wire.requireUids(to.values());
            Wire.requirePayload(body.value());
        }

        public GroupPartPublish(long groupId, MessageId msgId, long[] toUids, byte[] payload) {
            this(groupId, msgId, new Uids(toUids), new Bytes(payload));
        }

        public long[] toUids() {
            return to.values();
        }

        @Override
        public FrameType type() {
            return FrameType.GROUP_PART_PUBLISH;
        }

        @Override
        public int bodyLength() {
            return 4 + MessageId.LENGTH + FrameWriter.uidsLength(to) + FrameWriter.payloadLength(body);
        }

        @Override
        public void writeBody(FrameWriter out) {
            out.id(groupId).msgId(msgId).uids(to).payload(body);
        }
    }

    /** GROUP_PART_PUB_ACK (12), server to client: {@code <<12, MsgId:32 bytes>>}; the message is stored. */
    record GroupPartPubAck(MessageId msgId) implements AckFrame {
        public GroupPartPubAck {
            Objects.requireNonNull(msgId, "msgId");
        }

        @Override
        public FrameType type() {
            return FrameType.GROUP_PART_PUB_ACK;
        }
    }

    /** PING (7), both directions, no body. All instances are equal; use {@link #INSTANCE}. */
    record Ping() implements BareFrame {
        public static final Ping INSTANCE = new Ping();

        @Override
        public FrameType type() {
            return FrameType.PING;
        }
    }

    /** PING_RESP (8), both directions, no body. All instances are equal; use {@link #INSTANCE}. */
    record PingResp() implements BareFrame {
        public static final PingResp INSTANCE = new PingResp();

        @Override
        public FrameType type() {
            return FrameType.PING_RESP;
        }
    }

    /** DISCONNECT (9), both directions, no body. All instances are equal; use {@link #INSTANCE}. */
    record Disconnect() implements BareFrame {
        public static final Disconnect INSTANCE = new Disconnect();

        @Override
        public FrameType type() {
            return FrameType.DISCONNECT;
        }
    }

    /**
     * PUB_REFUSED (10), server to client (Missive addition):
     * {@code <<10, MsgId:32 bytes, Code:8, ReasonLen:16, Reason UTF-8>>}; the publish with this MsgId
     * was not stored. See {@link RefusalCode}; an unknown code is kept as it is.
     */
    record PubRefused(MessageId msgId, int code, String reason) implements BinaryFrame {
        /** A null reason is taken as empty. */
        public PubRefused {
            Objects.requireNonNull(msgId, "msgId");
            Wire.requireU8("code", code);
            reason = Wire.requireString16("reason", reason == null ? "" : reason);
        }

        public PubRefused(MessageId msgId, RefusalCode code, String reason) {
            this(msgId, code.code(), reason);
        }

        /** The code as a constant, or null when it is none of the known codes. */
        public RefusalCode refusalCode() {
            return RefusalCode.ofCode(code);
        }

        @Override
        public FrameType type() {
            return FrameType.PUB_REFUSED;
        }

        @Override
        public int bodyLength() {
            return MessageId.LENGTH + 1 + FrameWriter.string16Length(reason);
        }

        @Override
        public void writeBody(FrameWriter out) {
            out.msgId(msgId).u8(code).string16(reason);
        }
    }

    /**
     * RICH_PUSH (13), server to client (Missive addition), sent instead of {@link Push} to a connection
     * whose CONNECT set {@link Connect#FLAG_RICH_PUSH}:
     * {@code <<13, MsgId:32 bytes, From:32, GroupId:32, Seq:64, Time:64, PayloadLen:16, Payload>>}.
     * {@code groupId} is 0 for a one-to-one message; {@code timeMillis} is milliseconds since the
     * epoch; {@code seq} and {@code timeMillis} are 64-bit values taken as they are. The client
     * acknowledges it with {@link PubAck}.
     */
    record RichPush(MessageId msgId, long fromUid, long groupId, long seq, long timeMillis, Bytes body)
            implements PayloadFrame {
        public RichPush {
            Objects.requireNonNull(msgId, "msgId");
            Wire.requireU32("fromUid", fromUid);
            Wire.requireU32("groupId", groupId);
            Wire.requirePayload(body.value());
        }

        public RichPush(MessageId msgId, long fromUid, long groupId, long seq, long timeMillis, byte[] payload) {
            this(msgId, fromUid, groupId, seq, timeMillis, new Bytes(payload));
        }

        /** Whether this is a group message (groupId not 0). */
        public boolean isGroupMessage() {
            return groupId != 0;
        }

        @Override
        public FrameType type() {
            return FrameType.RICH_PUSH;
        }

        @Override
        public int bodyLength() {
            return MessageId.LENGTH + 4 + 4 + 8 + 8 + FrameWriter.payloadLength(body);
        }

        @Override
        public void writeBody(FrameWriter out) {
            out.msgId(msgId).u32(fromUid).u32(groupId).i64(seq).i64(timeMillis).payload(body);
        }
    }
}
