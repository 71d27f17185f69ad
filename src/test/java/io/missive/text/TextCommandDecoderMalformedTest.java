package io.missive.text;

import static io.missive.text.TextErrorCode.E_BAD_BODY;
import static io.missive.text.TextErrorCode.E_BAD_CHANNEL;
import static io.missive.text.TextErrorCode.E_BAD_PROTOCOL;
import static io.missive.text.TextErrorCode.E_INVALID;
import static io.missive.text.ValidCommands.MAGIC;
import static io.missive.TestBytes.SEED_MSG_ID;
import static io.missive.TestBytes.of;
import static io.missive.TestBytes.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.missive.text.TextCommand.Heartbeat;
import io.missive.text.TextCommand.Malformed;
import io.missive.text.TextCommand.Sub;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input the decoder can meet: each gives exactly one {@link Malformed} with its code
 * and reason, the same however the bytes are cut, and nothing after it.
 */
class TextCommandDecoderMalformedTest {

    /** After the magic, {@code line} then more commands that must be discarded. */
    private static void line(String line, String code, String detail) {
        stream(of(MAGIC, "H\n", line, "SUB 1\nH\n"), code, detail);
    }

    private static void stream(byte[] bytes, String code, String detail) {
        Malformed expected = new Malformed(code, detail);
        List<TextCommand> whole = DecoderRun.whole(bytes);
        assertThat(whole).as(io.missive.TestBytes.hex(bytes)).last().isEqualTo(expected);
        assertThat(whole.stream().filter(c -> c instanceof Malformed)).hasSize(1);
        assertThat(DecoderRun.byteByByte(bytes)).as("byte by byte").isEqualTo(whole);
        for (int cut = 1; cut < bytes.length; cut++) {
            assertThat(DecoderRun.cutAt(bytes, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    // ------------------------------------------------------------------ magic

    @Test
    void wrongMagic() {
        stream(of("  V2SUB 1\n"), E_BAD_PROTOCOL, "bad magic: byte 4 is 0x32, expected 0x31 (the magic is \"  V1\")");
        stream(of(" V1 "), E_BAD_PROTOCOL, "bad magic: byte 2 is 0x56, expected 0x20 (the magic is \"  V1\")");
        stream(of("  v1"), E_BAD_PROTOCOL, "bad magic: byte 3 is 0x76, expected 0x56 (the magic is \"  V1\")");
        stream(of("V1"), E_BAD_PROTOCOL, "bad magic: byte 1 is 0x56, expected 0x20 (the magic is \"  V1\")");
    }

    @Test
    void aClientWithoutMagicIsRefusedAtItsFirstByte() {
        // an NSQ client without magic, or a human typing into nc: no need to wait for four bytes
        DecoderRun run = new DecoderRun();
        assertThat(run.feed(of("H"))).containsExactly(new Malformed(E_BAD_PROTOCOL,
                "bad magic: byte 1 is 0x48, expected 0x20 (the magic is \"  V1\")"));
        assertThat(run.feed(of("\nSUB 1\n"))).isEmpty();
        assertThat(run.finish()).isEmpty();
    }

    @Test
    void magicSplitAcrossBuffersIsFine() {
        assertThat(DecoderRun.cutAt(of(MAGIC, "H\n"), 1, 2, 3)).containsExactly(Heartbeat.INSTANCE);
        assertThat(DecoderRun.cutAt(of(" ", " V1H\n"), 1)).containsExactly(Heartbeat.INSTANCE);
    }

    @Test
    void tlsOrHttpInsteadOfMagic() {
        stream(of(0x16, 0x03, 0x01, 0x02, 0x00), E_BAD_PROTOCOL,
                "bad magic: byte 1 is 0x16, expected 0x20 (the magic is \"  V1\")");
        stream(of("GET / HTTP/1.1\r\n"), E_BAD_PROTOCOL,
                "bad magic: byte 1 is 0x47, expected 0x20 (the magic is \"  V1\")");
    }

    // ------------------------------------------------------------------ lines

    @Test
    void emptyLine() {
        line("\n", E_INVALID, "empty command line");
        line("\r\n", E_INVALID, "empty command line");
    }

    @Test
    void unknownCommands() {
        line("FOO\n", E_INVALID, "unknown command \"FOO\"");
        line("sub 1\n", E_INVALID, "unknown command \"sub\"");
        line("h\n", E_INVALID, "unknown command \"h\"");
        line("Cls\n", E_INVALID, "unknown command \"Cls\"");
        line("NOP\n", E_INVALID, "unknown command \"NOP\"");
        line("MPUB 1\n", E_INVALID, "unknown command \"MPUB\"");
        line("REQ " + SEED_MSG_ID + " 0\n", E_INVALID, "unknown command \"REQ\"");
        line("H\r\r\n", E_INVALID, "unknown command \"H\\x0d\"");
        line("SUB\t1\n", E_INVALID, "unknown command \"SUB\\x091\"");
        line("\0\n", E_INVALID, "unknown command \"\\x00\"");
        line("\u00e9\n", E_INVALID, "unknown command \"\\xc3\\xa9\"");
        line("\"\\\n", E_INVALID, "unknown command \"\\x22\\x5c\"");
        line("A".repeat(50) + "\n", E_INVALID, "unknown command \"" + "A".repeat(40) + "\"...");
    }

    @Test
    void strayOrRepeatedSpaces() {
        line("SUB  1\n", E_INVALID, "words must be separated by one space: \"SUB  1\"");
        line("SUB 1 \n", E_INVALID, "words must be separated by one space: \"SUB 1 \"");
        line(" SUB 1\n", E_INVALID, "words must be separated by one space: \" SUB 1\"");
        line("H \n", E_INVALID, "words must be separated by one space: \"H \"");
        line(" \n", E_INVALID, "words must be separated by one space: \" \"");
        line("PUB 1  2 3\n", E_INVALID, "words must be separated by one space: \"PUB 1  2 3\"");
    }

    @Test
    void wrongArgumentCounts() {
        line("IDENTIFY {}\n", E_INVALID, "IDENTIFY takes 0 arguments, not 1");
        line("SUB\n", E_INVALID, "SUB takes 1 argument, not 0");
        line("SUB 1 2\n", E_INVALID, "SUB takes 1 argument, not 2");
        line("UNSUB\n", E_INVALID, "UNSUB takes 1 argument, not 0");
        line("UNSUB 1 2\n", E_INVALID, "UNSUB takes 1 argument, not 2");
        line("PUB\n", E_INVALID, "PUB takes 3 arguments, not 0");
        line("PUB 1 2\n", E_INVALID, "PUB takes 3 arguments, not 2");
        line("PUB 1 2 3 4\n", E_INVALID, "PUB takes 3 arguments, not 4");
        line("FIN\n", E_INVALID, "FIN takes 1 argument, not 0");
        line("FIN " + SEED_MSG_ID + " 1\n", E_INVALID, "FIN takes 1 argument, not 2");
        line("CLS now\n", E_INVALID, "CLS takes 0 arguments, not 1");
        line("H 1\n", E_INVALID, "H takes 0 arguments, not 1");
    }

    @Test
    void badChannelIds() {
        String rule = "channel_id is not a decimal number from 1 to 2^63-1: ";
        for (String command : new String[] {"SUB ", "UNSUB "}) {
            line(command + "abc\n", E_BAD_CHANNEL, rule + "\"abc\"");
            line(command + "0\n", E_BAD_CHANNEL, rule + "\"0\"");
            line(command + "000\n", E_BAD_CHANNEL, rule + "\"000\"");
            line(command + "-1\n", E_BAD_CHANNEL, rule + "\"-1\"");
            line(command + "+1\n", E_BAD_CHANNEL, rule + "\"+1\"");
            line(command + "1.5\n", E_BAD_CHANNEL, rule + "\"1.5\"");
            line(command + "0x10\n", E_BAD_CHANNEL, rule + "\"0x10\"");
            line(command + "9223372036854775808\n", E_BAD_CHANNEL, rule + "\"9223372036854775808\"");
            line(command + "99999999999999999999999\n", E_BAD_CHANNEL, rule + "\"99999999999999999999999\"");
            line(command + "\u0661\n", E_BAD_CHANNEL, rule + "\"\\xd9\\xa1\"");
        }
        line("PUB 1 0 3\n", E_BAD_CHANNEL, rule + "\"0\"");
        line("PUB 1 x 3\n", E_BAD_CHANNEL, rule + "\"x\"");
        line("PUB 1 -2 3\n", E_BAD_CHANNEL, rule + "\"-2\"");
    }

    @Test
    void badPubClientIds() {
        String rule = "PUB's client_id is not a decimal number from 0 to 2^63-1: ";
        line("PUB -1 2 3\n", E_INVALID, rule + "\"-1\"");
        line("PUB abc 2 3\n", E_INVALID, rule + "\"abc\"");
        line("PUB 9223372036854775808 2 3\n", E_INVALID, rule + "\"9223372036854775808\"");
        // checked in order: the client id before the channel id
        line("PUB x 0 3\n", E_INVALID, rule + "\"x\"");
    }

    @Test
    void badPubMessageIds() {
        String rule = "PUB's message_id is not a 64-bit decimal number: ";
        line("PUB 1 2 x\n", E_INVALID, rule + "\"x\"");
        line("PUB 1 2 -\n", E_INVALID, rule + "\"-\"");
        line("PUB 1 2 --1\n", E_INVALID, rule + "\"--1\"");
        line("PUB 1 2 9223372036854775808\n", E_INVALID, rule + "\"9223372036854775808\"");
        line("PUB 1 2 -9223372036854775809\n", E_INVALID, rule + "\"-9223372036854775809\"");
        line("PUB 1 2 " + SEED_MSG_ID + "\n", E_INVALID, rule + "\"" + SEED_MSG_ID + "\"");
    }

    @Test
    void badFinMessageIds() {
        String rule = "FIN's message_id is not 32 lower-case hex digits: ";
        line("FIN 1\n", E_INVALID, rule + "\"1\"");
        line("FIN " + SEED_MSG_ID.toUpperCase() + "\n", E_INVALID, rule + "\"" + SEED_MSG_ID.toUpperCase() + "\"");
        line("FIN " + SEED_MSG_ID + "0\n", E_INVALID, rule + "\"" + SEED_MSG_ID + "0\"");
        line("FIN " + SEED_MSG_ID.substring(1) + "\n", E_INVALID, rule + "\"" + SEED_MSG_ID.substring(1) + "\"");
        line("FIN 550e8400-e29b-41d4-a716-446655440000\n", E_INVALID,
                rule + "\"550e8400-e29b-41d4-a716-446655440000\"");
        line("FIN " + SEED_MSG_ID.replace('a', 'g') + "\n", E_INVALID, rule + "\"" + SEED_MSG_ID.replace('a', 'g') + "\"");
    }

    @Test
    void lineLongerThanTheLimit() {
        String detail = "command line longer than " + DecoderRun.MAX_LINE + " bytes";
        // without a newline: refused as soon as one byte more than the limit has arrived
        stream(of(MAGIC, "S".repeat(DecoderRun.MAX_LINE + 1)), E_INVALID, detail);
        // with a newline one byte too late
        line("SUB " + "0".repeat(DecoderRun.MAX_LINE - 4) + "1\n", E_INVALID, detail);
        line("SUB " + "0".repeat(DecoderRun.MAX_LINE - 5) + "1\r\n", E_INVALID, detail);
        // a body does not count as a line, but the line after it does
        stream(of(MAGIC, "PUB 1 2 3\n", u32(80), "x".repeat(80), "H".repeat(DecoderRun.MAX_LINE + 1), "\n"),
                E_INVALID, detail);
    }

    @Test
    void aLongLineIsRefusedBeforeItEnds() {
        DecoderRun run = new DecoderRun();
        assertThat(run.feed(of(MAGIC, "H".repeat(DecoderRun.MAX_LINE)))).isEmpty();
        assertThat(run.feed(of("H"))).containsExactly(new Malformed(E_INVALID,
                "command line longer than " + DecoderRun.MAX_LINE + " bytes"));
        assertThat(run.feed(of("\nH\n"))).isEmpty();
        assertThat(run.finish()).isEmpty();
    }

    @Test
    void theDefaultLineLimitIs1024() {
        assertThat(TextCommandDecoder.DEFAULT_MAX_LINE_BYTES).isEqualTo(1024);
    }

    // ------------------------------------------------------------------ sizes and bodies

    @Test
    void sizeOverTheLimit() {
        stream(of(MAGIC, "PUB 1 2 3\n", u32(DecoderRun.MAX_BODY + 1), "x".repeat(DecoderRun.MAX_BODY + 1)),
                E_BAD_BODY, "PUB body size 101 is over the limit of 100 bytes");
        stream(of(MAGIC, "IDENTIFY\n", u32(DecoderRun.MAX_BODY + 1), "{}"),
                E_BAD_BODY, "IDENTIFY body size 101 is over the limit of 100 bytes");
        stream(of(MAGIC, "PUB 1 2 3\n", 0xff, 0xff, 0xff, 0xff),
                E_BAD_BODY, "PUB body size 4294967295 is over the limit of 100 bytes");
        stream(of(MAGIC, "PUB 1 2 3\n", 0x80, 0, 0, 0),
                E_BAD_BODY, "PUB body size 2147483648 is over the limit of 100 bytes");
    }

    @Test
    void anOversizedBodyIsNeverBuffered() {
        DecoderRun run = new DecoderRun();
        assertThat(run.feed(of(MAGIC, "PUB 1 2 3\n", u32(1 << 30)))).containsExactly(
                new Malformed(E_BAD_BODY, "PUB body size 1073741824 is over the limit of 100 bytes"));
        for (int i = 0; i < 100; i++) {
            assertThat(run.feed(new byte[64 * 1024])).isEmpty();
        }
        // every buffer was released when it arrived, not when the channel closes
        assertThat(run.finish()).isEmpty();
    }

    @Test
    void emptyIdentifyBody() {
        stream(of(MAGIC, "IDENTIFY\n", u32(0), "H\n"), E_BAD_BODY, "IDENTIFY body is empty");
    }

    @Test
    void aBodyMaySplitAnywhere() {
        byte[] stream = of(MAGIC, "PUB 1 2 3\n", u32(10), "0123456789", "SUB 4\n");
        for (int a = 1; a < stream.length; a++) {
            for (int b = a + 1; b < stream.length; b++) {
                assertThat(DecoderRun.cutAt(stream, a, b)).as("cut at %d and %d", a, b)
                        .containsExactly(new TextCommand.Pub(1, 2, 3, of("0123456789")), new Sub(4));
            }
        }
    }

    @Test
    void aMalformedCommandHasNoBytes() {
        assertThatThrownBy(() -> TextCodec.encodeCommand(new Malformed(E_INVALID, "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limitsMustMakeSense() {
        assertThatThrownBy(() -> new TextCommandDecoder(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextCommandDecoder(10, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
