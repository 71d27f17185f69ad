package io.missive.text;

import io.missive.text.TextCommand.Close;
import io.missive.text.TextCommand.Fin;
import io.missive.text.TextCommand.Heartbeat;
import io.missive.text.TextCommand.Identify;
import io.missive.text.TextCommand.Malformed;
import io.missive.text.TextCommand.Pub;
import io.missive.text.TextCommand.Sub;
import io.missive.text.TextCommand.Unsub;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the client side of the text push protocol from a byte stream: the magic {@code "  V1"}, then
 * commands, each a line ending in {@code \n} (an optional {@code \r} before it is dropped), IDENTIFY
 * and PUB followed by a 4-byte big-endian size and that many bytes. Produces {@link TextCommand}s, the
 * same ones however the stream is cut into buffers.
 *
 * <p>Bad input produces exactly one {@link Malformed}, the last output: after it the decoder discards
 * everything, because the session answers the error and closes the connection. Nothing a client sends
 * makes it throw, and it never holds more than one line ({@code maxLineBytes}) or one body
 * ({@code maxBodyBytes}, checked before the body is read) plus a 4-byte size.
 *
 * <p>One instance per connection; not sharable.
 */
public final class TextCommandDecoder extends ByteToMessageDecoder {

    /** The longest command line, in bytes before its {@code \n}, when none is configured. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1024;

    private static final int SIZE_BYTES = 4;

    private enum State { MAGIC, LINE, SIZE, BODY, FAILED }

    private final int maxLineBytes;
    private final int maxBodyBytes;

    private State state = State.MAGIC;
    /** How many bytes of the current line were searched for {@code \n} already, so none is searched twice. */
    private int lineScanned;
    /** The line that announced the body being read: IDENTIFY, or PUB with its arguments. */
    private BodyOwner bodyOwner;
    private int bodySize;

    /**
     * @param maxLineBytes the longest command line, in bytes before its {@code \n} (a {@code \r} counts)
     * @param maxBodyBytes the largest size an IDENTIFY or PUB may announce
     */
    public TextCommandDecoder(int maxLineBytes, int maxBodyBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, not " + maxLineBytes);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative, not " + maxBodyBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** With the default line limit, {@value #DEFAULT_MAX_LINE_BYTES} bytes. */
    public TextCommandDecoder(int maxBodyBytes) {
        this(DEFAULT_MAX_LINE_BYTES, maxBodyBytes);
    }

    /**
     * One step: consumes the magic, a line, a size or a body when it has arrived whole, and adds at
     * most one command. {@link ByteToMessageDecoder} calls it again while it makes progress.
     */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case MAGIC -> readMagic(in, out);
            case LINE -> readLine(in, out);
            case SIZE -> readSize(in, out);
            case BODY -> readBody(in, out);
            case FAILED -> in.skipBytes(in.readableBytes());
        }
    }

    private void readMagic(ByteBuf in, List<Object> out) {
        int available = Math.min(in.readableBytes(), TextCodec.magicLength());
        // byte by byte, so that a client speaking something else is refused at its first wrong byte
        // instead of waiting for four
        for (int i = 0; i < available; i++) {
            byte b = in.getByte(in.readerIndex() + i);
            if (b != TextCodec.magicByte(i)) {
                fail(in, out, TextErrorCode.E_BAD_PROTOCOL, String.format(
                        "bad magic: byte %d is 0x%02x, expected 0x%02x (the magic is \"  V1\")",
                        i + 1, b & 0xff, TextCodec.magicByte(i)));
                return;
            }
        }
        if (available == TextCodec.magicLength()) {
            in.skipBytes(available);
            state = State.LINE;
        }
    }

    private void readLine(ByteBuf in, List<Object> out) {
        // a line may hold maxLineBytes bytes, so its \n is at index maxLineBytes at the latest
        int window = Math.min(in.readableBytes(), maxLineBytes + 1);
        int newline = window > lineScanned
                ? in.indexOf(in.readerIndex() + lineScanned, in.readerIndex() + window, (byte) '\n')
                : -1;
        if (newline < 0) {
            lineScanned = window;
            if (in.readableBytes() > maxLineBytes) {
                fail(in, out, TextErrorCode.E_INVALID, "command line longer than " + maxLineBytes + " bytes");
            }
            return;
        }
        int length = newline - in.readerIndex();
        if (length > 0 && in.getByte(newline - 1) == '\r') {
            length--;
        }
        // ISO-8859-1 maps every byte to one char, so any bytes make a string the parser can refuse
        String line = in.toString(in.readerIndex(), length, StandardCharsets.ISO_8859_1);
        in.readerIndex(newline + 1);
        lineScanned = 0;
        parseLine(line, in, out);
    }

    private void parseLine(String line, ByteBuf in, List<Object> out) {
        if (line.isEmpty()) {
            fail(in, out, TextErrorCode.E_INVALID, "empty command line");
            return;
        }
        String[] words = line.split(" ", -1);
        for (String word : words) {
            if (word.isEmpty()) {
                fail(in, out, TextErrorCode.E_INVALID, "words must be separated by one space: " + TextWire.quote(line));
                return;
            }
        }
        String command = words[0];
        int arguments = words.length - 1;
        switch (command) {
            case "IDENTIFY" -> {
                if (expect(command, 0, arguments, in, out)) {
                    awaitBody(BodyOwner.IDENTIFY);
                }
            }
            case "SUB", "UNSUB" -> {
                if (expect(command, 1, arguments, in, out)) {
                    Long channelId = channelId(words[1], in, out);
                    if (channelId != null) {
                        out.add(command.equals("SUB") ? new Sub(channelId) : new Unsub(channelId));
                    }
                }
            }
            case "PUB" -> {
                if (expect(command, 3, arguments, in, out)) {
                    readPubLine(words, in, out);
                }
            }
            case "FIN" -> {
                if (expect(command, 1, arguments, in, out)) {
                    if (TextWire.isMessageId(words[1])) {
                        out.add(new Fin(words[1]));
                    } else {
                        fail(in, out, TextErrorCode.E_INVALID, "FIN's message_id is not 32 lower-case hex digits: "
                                + TextWire.quote(words[1]));
                    }
                }
            }
            case "CLS" -> {
                if (expect(command, 0, arguments, in, out)) {
                    out.add(Close.INSTANCE);
                }
            }
            case "H" -> {
                if (expect(command, 0, arguments, in, out)) {
                    out.add(Heartbeat.INSTANCE);
                }
            }
            default -> fail(in, out, TextErrorCode.E_INVALID, "unknown command " + TextWire.quote(command));
        }
    }

    private void readPubLine(String[] words, ByteBuf in, List<Object> out) {
        Long clientId = TextWire.parseDecimal(words[1], false);
        if (clientId == null) {
            fail(in, out, TextErrorCode.E_INVALID, "PUB's client_id is not a decimal number from 0 to 2^63-1: "
                    + TextWire.quote(words[1]));
            return;
        }
        Long channelId = channelId(words[2], in, out);
        if (channelId == null) {
            return;
        }
        Long messageId = TextWire.parseDecimal(words[3], true);
        if (messageId == null) {
            fail(in, out, TextErrorCode.E_INVALID, "PUB's message_id is not a 64-bit decimal number: "
                    + TextWire.quote(words[3]));
            return;
        }
        awaitBody(new BodyOwner(clientId, channelId, messageId));
    }

    /** The channel id, or null after failing with E_BAD_CHANNEL. */
    private Long channelId(String word, ByteBuf in, List<Object> out) {
        Long channelId = TextWire.parseDecimal(word, false);
        if (channelId == null || channelId == 0) {
            fail(in, out, TextErrorCode.E_BAD_CHANNEL, "channel_id is not a decimal number from 1 to 2^63-1: "
                    + TextWire.quote(word));
            return null;
        }
        return channelId;
    }

    /** Whether the command has its number of arguments; fails with E_INVALID when not. */
    private boolean expect(String command, int wanted, int given, ByteBuf in, List<Object> out) {
        if (given == wanted) {
            return true;
        }
        fail(in, out, TextErrorCode.E_INVALID, command + " takes " + wanted
                + (wanted == 1 ? " argument" : " arguments") + ", not " + given);
        return false;
    }

    private void awaitBody(BodyOwner owner) {
        bodyOwner = owner;
        state = State.SIZE;
    }

    private void readSize(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < SIZE_BYTES) {
            return;
        }
        long size = in.readUnsignedInt();
        String command = bodyOwner.isIdentify() ? "IDENTIFY" : "PUB";
        if (size > maxBodyBytes) {
            fail(in, out, TextErrorCode.E_BAD_BODY, command + " body size " + size + " is over the limit of "
                    + maxBodyBytes + " bytes");
        } else if (size == 0 && bodyOwner.isIdentify()) {
            fail(in, out, TextErrorCode.E_BAD_BODY, "IDENTIFY body is empty");
        } else {
            bodySize = (int) size;
            state = State.BODY;
            // an empty PUB body is complete already: produce the command now, not on the next bytes
            readBody(in, out);
        }
    }

    private void readBody(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < bodySize) {
            return;
        }
        byte[] body = new byte[bodySize];
        in.readBytes(body);
        out.add(bodyOwner.isIdentify() ? new Identify(body)
                : new Pub(bodyOwner.clientId(), bodyOwner.channelId(), bodyOwner.messageId(), body));
        bodyOwner = null;
        state = State.LINE;
    }

    private void fail(ByteBuf in, List<Object> out, String code, String detail) {
        out.add(new Malformed(code, detail));
        state = State.FAILED;
        bodyOwner = null;
        in.skipBytes(in.readableBytes());
    }

    /** The line before a body: IDENTIFY, or PUB with its parsed arguments. */
    private record BodyOwner(long clientId, long channelId, long messageId) {
        static final BodyOwner IDENTIFY = new BodyOwner(-1, -1, 0);

        boolean isIdentify() {
            return this == IDENTIFY;
        }
    }
}
