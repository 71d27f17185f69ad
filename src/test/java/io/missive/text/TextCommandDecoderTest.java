package io.missive.text;

import static io.missive.text.ValidCommands.MAGIC;
import static io.missive.TestBytes.SEED_MSG_ID;
import static io.missive.TestBytes.of;
import static io.missive.TestBytes.u32;
import static org.assertj.core.api.Assertions.assertThat;

import io.missive.text.TextCommand.Close;
import io.missive.text.TextCommand.Fin;
import io.missive.text.TextCommand.Heartbeat;
import io.missive.text.TextCommand.Identify;
import io.missive.text.TextCommand.Pub;
import io.missive.text.TextCommand.Sub;
import io.missive.text.TextCommand.Unsub;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Well-formed client input, byte for byte as docs/protocol-text.md shows it, and how it may be cut. */
class TextCommandDecoderTest {

    private static final String JSON = "{\"client_id\":1030391111929,\"heartbeat_interval\":300,\"token\":\"t0k\"}";

    private static List<TextCommand> decode(Object... parts) {
        byte[] stream = of(parts);
        List<TextCommand> whole = DecoderRun.whole(stream);
        assertThat(DecoderRun.byteByByte(stream)).as("byte by byte").isEqualTo(whole);
        return whole;
    }

    @Test
    void magicAloneGivesNothing() {
        assertThat(decode(MAGIC)).isEmpty();
        assertThat(decode(0x20, 0x20, 0x56, 0x31)).isEmpty();
    }

    @Test
    void identifyGivesTheRawJson() {
        byte[] json = JSON.getBytes(StandardCharsets.UTF_8);
        assertThat(decode(MAGIC, "IDENTIFY\n", u32(json.length), json)).containsExactly(new Identify(json));
        // the seed's own example: 55 bytes, 0x37
        assertThat(decode(MAGIC, "IDENTIFY\n", 0, 0, 0, 0x37, "{\"client_id\": 1030391111929, \"heartbeat_interval\": 300}"))
                .containsExactly(new Identify("{\"client_id\": 1030391111929, \"heartbeat_interval\": 300}"
                        .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void identifyBodyMayHoldNewlinesAndAnyBytes() {
        byte[] body = of("{\n", 0, 0xff, "\n}");
        assertThat(decode(MAGIC, "IDENTIFY\n", u32(body.length), body, "H\n"))
                .containsExactly(new Identify(body), Heartbeat.INSTANCE);
    }

    @Test
    void subAndUnsub() {
        assertThat(decode(MAGIC, "SUB 42\n", "UNSUB 42\n"))
                .containsExactly(new Sub(42), new Unsub(42));
        assertThat(decode(MAGIC, "SUB 9223372036854775807\n")).containsExactly(new Sub(Long.MAX_VALUE));
        assertThat(decode(MAGIC, "SUB 1\n")).containsExactly(new Sub(1));
        assertThat(decode(MAGIC, "SUB 007\n")).as("leading zeros are allowed").containsExactly(new Sub(7));
    }

    @Test
    void pubWithBody() {
        assertThat(decode(MAGIC, "PUB 1030391111929 42 7\n", u32(5), "hello"))
                .containsExactly(new Pub(1030391111929L, 42, 7, of("hello")));
        assertThat(decode(MAGIC, "PUB 1030391111929 42 7\n", 0, 0, 0, 5, 0x68, 0x65, 0x6c, 0x6c, 0x6f))
                .containsExactly(new Pub(1030391111929L, 42, 7, of("hello")));
    }

    @Test
    void pubToTheWholeChannel() {
        List<TextCommand> commands = decode(MAGIC, "PUB 0 42 7\n", u32(2), "hi");
        assertThat(commands).containsExactly(new Pub(0, 42, 7, of("hi")));
        assertThat(((Pub) commands.get(0)).toWholeChannel()).isTrue();
    }

    @Test
    void pubMessageIdIsAnySigned64BitNumber() {
        assertThat(decode(MAGIC, "PUB 1 2 -9223372036854775808\n", u32(0),
                "PUB 1 2 9223372036854775807\n", u32(0), "PUB 1 2 -0\n", u32(0)))
                .containsExactly(new Pub(1, 2, Long.MIN_VALUE, new byte[0]), new Pub(1, 2, Long.MAX_VALUE, new byte[0]),
                        new Pub(1, 2, 0, new byte[0]));
    }

    @Test
    void pubWithAnEmptyBodyIsProducedAtOnce() {
        DecoderRun run = new DecoderRun();
        assertThat(run.feed(of(MAGIC, "PUB 5 6 7\n", u32(0)))).containsExactly(new Pub(5, 6, 7, new byte[0]));
        assertThat(run.finish()).isEmpty();
    }

    @Test
    void pubBodyOfExactlyTheLimit() {
        byte[] body = new byte[DecoderRun.MAX_BODY];
        body[DecoderRun.MAX_BODY - 1] = '\n';
        assertThat(decode(MAGIC, "PUB 5 6 7\n", u32(body.length), body, "H\n"))
                .containsExactly(new Pub(5, 6, 7, body), Heartbeat.INSTANCE);
    }

    @Test
    void fin() {
        assertThat(decode(MAGIC, "FIN " + SEED_MSG_ID + "\n")).containsExactly(new Fin(SEED_MSG_ID));
    }

    @Test
    void closeAndHeartbeat() {
        assertThat(decode(MAGIC, "H\n", "CLS\n")).containsExactly(Heartbeat.INSTANCE, Close.INSTANCE);
    }

    @Test
    void commandsAfterClsAreStillDecoded() {
        // NSQ's CLS: the client may still confirm messages in flight before it closes
        assertThat(decode(MAGIC, "CLS\n", "FIN " + SEED_MSG_ID + "\n", "H\n"))
                .containsExactly(Close.INSTANCE, new Fin(SEED_MSG_ID), Heartbeat.INSTANCE);
    }

    @Test
    void aCarriageReturnBeforeTheNewlineIsDropped() {
        byte[] json = of("{}");
        assertThat(decode(MAGIC, "IDENTIFY\r\n", u32(2), json, "SUB 42\r\n", "PUB 0 42 7\r\n", u32(1), "x",
                "FIN " + SEED_MSG_ID + "\r\n", "H\r\n", "CLS\r\n"))
                .containsExactly(new Identify(json), new Sub(42), new Pub(0, 42, 7, of("x")), new Fin(SEED_MSG_ID),
                        Heartbeat.INSTANCE, Close.INSTANCE);
    }

    @Test
    void aLineOfExactlyTheLimit() {
        String line = "SUB " + "0".repeat(DecoderRun.MAX_LINE - 5) + "1";
        assertThat(line).hasSize(DecoderRun.MAX_LINE);
        assertThat(decode(MAGIC, line + "\n")).containsExactly(new Sub(1));
        // the \r counts: the limit is on the bytes before the \n
        String shorter = line.substring(0, 4) + line.substring(5);
        assertThat(decode(MAGIC, shorter + "\r\n")).containsExactly(new Sub(1));
    }

    @Test
    void aWholeSessionInOneBufferByteByByteAndAtEveryCut() {
        byte[] json = of("{\"client_id\":1,\"token\":\"x\",\"confirm\":true}");
        byte[] stream = of(MAGIC, "IDENTIFY\n", u32(json.length), json, "SUB 42\n", "PUB 0 42 1\n", u32(3), "abc",
                "PUB 9 42 2\n", u32(0), "H\n", "FIN " + SEED_MSG_ID + "\n", "UNSUB 42\n", "CLS\n");
        List<TextCommand> expected = List.of(new Identify(json), new Sub(42), new Pub(0, 42, 1, of("abc")),
                new Pub(9, 42, 2, new byte[0]), Heartbeat.INSTANCE, new Fin(SEED_MSG_ID), new Unsub(42), Close.INSTANCE);
        assertThat(DecoderRun.whole(stream)).isEqualTo(expected);
        assertThat(DecoderRun.byteByByte(stream)).isEqualTo(expected);
        for (int cut = 1; cut < stream.length; cut++) {
            assertThat(DecoderRun.cutAt(stream, cut)).as("cut at %d", cut).isEqualTo(expected);
        }
        for (int cut = 1; cut + 7 < stream.length; cut++) {
            assertThat(DecoderRun.cutAt(stream, cut, cut + 7)).as("cut at %d and %d", cut, cut + 7).isEqualTo(expected);
        }
    }

    @Test
    void eachCommandComesOutAsSoonAsItIsComplete() {
        DecoderRun run = new DecoderRun();
        assertThat(run.feed(of(MAGIC, "SUB 4"))).isEmpty();
        assertThat(run.feed(of("2\nPUB 0 42 1\n", 0, 0))).containsExactly(new Sub(42));
        assertThat(run.feed(of(0, 2, "a"))).isEmpty();
        assertThat(run.feed(of("bH\nC"))).containsExactly(new Pub(0, 42, 1, of("ab")), Heartbeat.INSTANCE);
        assertThat(run.feed(of("LS\n"))).containsExactly(Close.INSTANCE);
        assertThat(run.finish()).isEmpty();
    }

    @Test
    void aStreamCutOffMidCommandGivesNothingMore() {
        for (String tail : new String[] {"SUB 4", "PUB 0 42 1\n", "IDENTIFY\n\0\0", "PUB 0 42 1\n\0\0\0\5abc"}) {
            assertThat(DecoderRun.whole(of(MAGIC, "H\n", tail))).as(tail).containsExactly(Heartbeat.INSTANCE);
        }
    }

    @Test
    void manyCommandsInOneBuffer() {
        List<Object> parts = new ArrayList<>();
        parts.add(MAGIC);
        List<TextCommand> expected = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            parts.add("SUB " + i + "\n");
            expected.add(new Sub(i));
        }
        assertThat(DecoderRun.whole(of(parts.toArray()))).isEqualTo(expected);
    }
}
