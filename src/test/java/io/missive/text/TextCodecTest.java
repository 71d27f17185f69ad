package io.missive.text;

import static io.missive.TestBytes.SEED_MSG_ID;
import static io.missive.TestBytes.hex;
import static io.missive.TestBytes.of;
import static io.missive.TestBytes.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missive.text.TextCommand.Close;
import io.missive.text.TextCommand.Fin;
import io.missive.text.TextCommand.Heartbeat;
import io.missive.text.TextCommand.Identify;
import io.missive.text.TextCommand.Malformed;
import io.missive.text.TextCommand.Pub;
import io.missive.text.TextCommand.Sub;
import io.missive.text.TextCommand.Unsub;
import io.missive.text.TextFrame.Ack;
import io.missive.text.TextFrame.Error;
import io.missive.text.TextFrame.Message;
import io.missive.text.TextFrame.Response;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Server frames byte for byte, both ways, and client commands as a client writes them. */
class TextCodecTest {

    private static final byte[] TIMESTAMP = of(0x00, 0x00, 0x01, 0x8b, 0xcf, 0xe5, 0x68, 0x00); // 1700000000000
    private static final byte[] DEVICE = of(0x00, 0x00, 0x00, 0xef, 0xe8, 0x18, 0xa0, 0xf9); // 1030391111929
    private static final long DEVICE_ID = 1030391111929L;

    private static void frame(TextFrame frame, byte[] wire) throws MalformedTextFrameException {
        ByteBuffer encoded = TextCodec.encode(frame);
        assertThat(encoded.position()).isZero();
        assertThat(encoded.hasArray()).isTrue();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.duplicate().get(bytes);
        assertThat(hex(bytes)).as(frame.toString()).isEqualTo(hex(wire));
        assertThat(TextCodec.encodeToArray(frame)).isEqualTo(wire);
        assertThat(TextCodec.decodeServerFrame(ByteBuffer.wrap(wire))).isEqualTo(frame);
        assertThat(TextCodec.decodeServerFrame(encoded)).isEqualTo(frame);
        assertThat(encoded.position()).as("decoding leaves the position").isZero();
    }

    // ------------------------------------------------------------------ server frames

    @Test
    void responses() throws Exception {
        frame(Response.OK, of(0, 0, 0, 6, 0, 0, 0, 0, "OK"));
        frame(Response.HEARTBEAT, of(0, 0, 0, 5, 0, 0, 0, 0, "H"));
        frame(Response.CLOSE_WAIT, of(0, 0, 0, 14, 0, 0, 0, 0, "CLOSE_WAIT"));
        frame(new Response(""), of(0, 0, 0, 4, 0, 0, 0, 0));
        frame(new Response("\u00e9"), of(0, 0, 0, 6, 0, 0, 0, 0, 0xc3, 0xa9));
    }

    @Test
    void errors() throws Exception {
        frame(new Error(TextErrorCode.E_INVALID, "unknown command \"FOO\""),
                of(0, 0, 0, 35, 0, 0, 0, 1, "E_INVALID unknown command \"FOO\""));
        frame(new Error(TextErrorCode.E_BAD_CHANNEL, ""), of(0, 0, 0, 17, 0, 0, 0, 1, "E_BAD_CHANNEL"));
        frame(new Error("E_INVALID_CLIENT", "bad token"), of(0, 0, 0, 30, 0, 0, 0, 1, "E_INVALID_CLIENT bad token"));
        assertThat(new Error("E_X", null)).isEqualTo(new Error("E_X", ""));
        assertThat(new Error(new Malformed(TextErrorCode.E_BAD_BODY, "IDENTIFY body is empty")))
                .isEqualTo(new Error("E_BAD_BODY", "IDENTIFY body is empty"));
    }

    @Test
    void acks() throws Exception {
        frame(new Ack(true, 7, DEVICE_ID), of(0, 0, 0, 25, 0, 0, 0, 3, "ACK 1 7 1030391111929"));
        frame(new Ack(false, 7, 0), of(0, 0, 0, 13, 0, 0, 0, 3, "ACK 0 7 0"));
        frame(new Ack(true, Long.MIN_VALUE, Long.MAX_VALUE),
                of(0, 0, 0, 50, 0, 0, 0, 3, "ACK 1 -9223372036854775808 9223372036854775807"));
    }

    @Test
    void messages() throws Exception {
        frame(new Message(1_700_000_000_000L, 1, SEED_MSG_ID, 42, DEVICE_ID, of("hello")),
                of(0, 0, 0, 67, 0, 0, 0, 2, TIMESTAMP, 0, 1, SEED_MSG_ID, 0, 0, 0, 0, 0, 0, 0, 42, DEVICE, "hello"));
        // a direct message (channel 0) from a back end (sender 0), empty body, the most attempts
        frame(new Message(1_700_000_000_000L, 65535, SEED_MSG_ID, 0, 0, new byte[0]),
                of(0, 0, 0, 62, 0, 0, 0, 2, TIMESTAMP, 0xff, 0xff, SEED_MSG_ID, new byte[16]));
        // a body that looks like a frame is just bytes
        byte[] body = TextCodec.encodeToArray(Response.OK);
        frame(new Message(-1, 0, SEED_MSG_ID, Long.MAX_VALUE, 3, body),
                of(0, 0, 0, 72, 0, 0, 0, 2, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1}, 0, 0, SEED_MSG_ID,
                        0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 3, body));
    }

    @Test
    void frameRecordsRefuseWhatTheWireCannotCarry() {
        assertThatThrownBy(() -> new Error("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Error("E_A B", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ack(true, 1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message(0, -1, SEED_MSG_ID, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message(0, 65536, SEED_MSG_ID, 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message(0, 0, SEED_MSG_ID.toUpperCase(), 0, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message(0, 0, SEED_MSG_ID, -1, 0, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message(0, 0, SEED_MSG_ID, 0, -1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ malformed server frames

    private static AbstractThrowableAssert<?, ? extends Throwable> malformed(byte[] wire) {
        return assertThatThrownBy(() -> TextCodec.decodeServerFrame(ByteBuffer.wrap(wire)))
                .isInstanceOf(MalformedTextFrameException.class);
    }

    @Test
    void malformedServerFrames() {
        malformed(of()).hasMessage("a frame has at least 8 bytes, not 0");
        malformed(of(0, 0, 0, 4, 0, 0, 0)).hasMessage("a frame has at least 8 bytes, not 7");
        malformed(of(0, 0, 0, 6, 0, 0, 0, 0, "O")).hasMessage("frame size 6 but 5 bytes follow");
        malformed(of(0, 0, 0, 5, 0, 0, 0, 0, "OK")).hasMessage("frame size 5 but 6 bytes follow");
        malformed(of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0)).hasMessage("frame size 4294967295 but 4 bytes follow");
        malformed(of(0, 0, 0, 4, 0, 0, 0, 4)).hasMessage("unknown frame type 4");
        malformed(of(0, 0, 0, 4, 0xff, 0xff, 0xff, 0xff)).hasMessage("unknown frame type 4294967295");
        malformed(of(0, 0, 0, 5, 0, 0, 0, 0, 0xff)).hasMessage("response frame data is not UTF-8");
        malformed(of(0, 0, 0, 5, 0, 0, 0, 1, 0xc3)).hasMessage("error frame data is not UTF-8");
        malformed(of(0, 0, 0, 4, 0, 0, 0, 1)).hasMessage("error frame without a code: \"\"");
        malformed(of(0, 0, 0, 7, 0, 0, 0, 1, " xy")).hasMessage("error frame without a code: \" xy\"");
        String ackRule = "ack frame is not \"ACK 1|0 <message_id> <client_id>\": ";
        malformed(of(0, 0, 0, 13, 0, 0, 0, 3, "ACK 2 7 0")).hasMessage(ackRule + "\"ACK 2 7 0\"");
        malformed(of(0, 0, 0, 11, 0, 0, 0, 3, "ACK 1 7")).hasMessage(ackRule + "\"ACK 1 7\"");
        malformed(of(0, 0, 0, 14, 0, 0, 0, 3, "ACK 1 7 -1")).hasMessage(ackRule + "\"ACK 1 7 -1\"");
        malformed(of(0, 0, 0, 13, 0, 0, 0, 3, "ack 1 7 0")).hasMessage(ackRule + "\"ack 1 7 0\"");
        malformed(of(0, 0, 0, 14, 0, 0, 0, 3, "ACK 1  7 0")).hasMessage(ackRule + "\"ACK 1  7 0\"");
        malformed(of(0, 0, 0, 61, 0, 0, 0, 2, new byte[57]))
                .hasMessage("message frame data has at least 58 bytes, not 57");
        malformed(of(0, 0, 0, 62, 0, 0, 0, 2, TIMESTAMP, 0, 1, SEED_MSG_ID.toUpperCase(), new byte[16]))
                .hasMessage("message id is not 32 lower-case hex digits: \"" + SEED_MSG_ID.toUpperCase() + "\"");
        malformed(of(0, 0, 0, 62, 0, 0, 0, 2, TIMESTAMP, 0, 1, SEED_MSG_ID, 0x80, new byte[15]))
                .hasMessage("negative channel id -9223372036854775808 or sender id 0");
    }

    @Test
    void decodingReadsFromThePositionToTheLimit() throws Exception {
        byte[] wire = of("junk", TextCodec.encodeToArray(Response.OK), "more");
        ByteBuffer buffer = ByteBuffer.wrap(wire, 4, 10);
        assertThat(TextCodec.decodeServerFrame(buffer)).isEqualTo(Response.OK);
        assertThat(buffer.position()).isEqualTo(4);
        ByteBuffer direct = ByteBuffer.allocateDirect(10).put(TextCodec.encodeToArray(Response.OK)).flip();
        assertThat(TextCodec.decodeServerFrame(direct)).isEqualTo(Response.OK);
    }

    // ------------------------------------------------------------------ client commands

    @Test
    void commandsAsAClientWritesThem() {
        assertThat(TextCodec.magic()).isEqualTo(of(0x20, 0x20, 0x56, 0x31));
        assertThat(TextCodec.encodeCommand(new Identify(of("{}")))).isEqualTo(of("IDENTIFY\n", 0, 0, 0, 2, "{}"));
        assertThat(TextCodec.encodeCommand(new Sub(42))).isEqualTo(of("SUB 42\n"));
        assertThat(TextCodec.encodeCommand(new Unsub(42))).isEqualTo(of("UNSUB 42\n"));
        assertThat(TextCodec.encodeCommand(new Pub(DEVICE_ID, 42, -7, of("hi"))))
                .isEqualTo(of("PUB 1030391111929 42 -7\n", 0, 0, 0, 2, "hi"));
        assertThat(TextCodec.encodeCommand(new Pub(0, 42, 7, new byte[0]))).isEqualTo(of("PUB 0 42 7\n", u32(0)));
        assertThat(TextCodec.encodeCommand(new Fin(SEED_MSG_ID))).isEqualTo(of("FIN " + SEED_MSG_ID + "\n"));
        assertThat(TextCodec.encodeCommand(Close.INSTANCE)).isEqualTo(of("CLS\n"));
        assertThat(TextCodec.encodeCommand(Heartbeat.INSTANCE)).isEqualTo(of("H\n"));
    }

    @Test
    void everyCommandAClientWritesDecodesToItself() {
        List<TextCommand> commands = ValidCommands.ALL;
        List<byte[]> parts = new ArrayList<>();
        parts.add(TextCodec.magic());
        for (TextCommand command : commands) {
            parts.add(TextCodec.encodeCommand(command));
        }
        byte[] stream = of(parts.toArray());
        assertThat(DecoderRun.whole(stream)).isEqualTo(commands);
        assertThat(DecoderRun.byteByByte(stream)).isEqualTo(commands);
    }

    @Test
    void commandRecordsRefuseWhatTheWireCannotCarry() {
        assertThatThrownBy(() -> new Identify(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sub(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Unsub(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pub(-1, 1, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pub(1, 0, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fin("x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fin(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identifyHidesItsTokenInToString() {
        assertThat(new Identify(of("{\"token\":\"secret\"}")).toString()).doesNotContain("secret");
    }
}
