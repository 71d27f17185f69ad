package io.missive.msgd;

import io.missive.core.model.Bytes;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The deciphered bodies of join, p2p and publish. Each parser finds the first {@code '{'} and the last
 * {@code '}'} (bytes before and after them are ignored, as the original server ignored them) and reads
 * the fields between them:
 * <ul>
 * <li>join: {@code group=<g>,user=<u>,encrypt=<key>}, in this order; the key is everything after
 * {@code encrypt=} (commas included);</li>
 * <li>p2p: {@code <group>,<user>,<persist>,<message>};</li>
 * <li>publish: {@code <group>,<persist>,<message>}.</li>
 * </ul>
 * The fields before the message split on commas; the message is the rest, commas and {@code '}'}
 * included.
 *
 * <p>Names (group, user) are 1..{@value #MAX_NAME_BYTES} bytes, as the original's 32-byte C buffers
 * hold, and are decoded as strict UTF-8 (a name that is not valid UTF-8, or holds a NUL, which a C
 * client could not have meant, is malformed: a join failure, 11003). The key is
 * 1..{@value #MAX_KEY_BYTES} bytes of any value. A persist time is 1..31 ASCII digits whose value is at
 * most {@link Integer#MAX_VALUE} seconds (no sign, no spaces). A message is
 * 1..{@value #MAX_MESSAGE_BYTES} bytes of any value.
 */
public final class MsgdBodies {

    public static final int MAX_NAME_BYTES = 31;
    public static final int MAX_KEY_BYTES = 31;
    public static final int MAX_MESSAGE_BYTES = 1024;
    /** The longest persist field, in digits, as long as a name. */
    public static final int MAX_PERSIST_DIGITS = 31;

    /** How many bytes of a bad field an exception's message shows. */
    private static final int QUOTED_BYTES = 40;

    private MsgdBodies() {
    }

    /** A join body; the key enciphers everything after the join, both ways. */
    public record Join(String group, String user, Bytes key) {
        public Join {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(key, "key");
        }

        /** The key's bytes (not a copy). */
        public byte[] keyBytes() {
            return key.value();
        }
    }

    /** A p2p body: a message for the members of {@code group} named {@code user}. */
    public record P2p(String group, String user, int persistSeconds, Bytes message) {
        public P2p {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(message, "message");
        }

        /** The message's bytes (not a copy). */
        public byte[] messageBytes() {
            return message.value();
        }
    }

    /** A publish body: a message for every member of {@code group}. */
    public record Publish(String group, int persistSeconds, Bytes message) {
        public Publish {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(message, "message");
        }

        /** The message's bytes (not a copy). */
        public byte[] messageBytes() {
            return message.value();
        }
    }

    // ------------------------------------------------------------------ parsers

    /** Parses a deciphered join body {@code {group=<g>,user=<u>,encrypt=<key>}}. */
    public static Join join(byte[] plain) throws MalformedBodyException {
        Reader r = new Reader("join", plain);
        r.expectLabel("group=");
        String group = r.name("group");
        r.expectLabel("user=");
        String user = r.name("user");
        r.expectLabel("encrypt=");
        byte[] key = r.rest();
        if (key.length == 0 || key.length > MAX_KEY_BYTES) {
            throw new MalformedBodyException("join: key is " + key.length + " bytes, not 1.." + MAX_KEY_BYTES);
        }
        return new Join(group, user, new Bytes(key));
    }

    /** Parses a deciphered p2p body {@code {<group>,<user>,<persist>,<message>}}. */
    public static P2p p2p(byte[] plain) throws MalformedBodyException {
        Reader r = new Reader("p2p", plain);
        String group = r.name("group");
        String user = r.name("user");
        int persist = r.persist();
        return new P2p(group, user, persist, new Bytes(r.message()));
    }

    /** Parses a deciphered publish body {@code {<group>,<persist>,<message>}}. */
    public static Publish publish(byte[] plain) throws MalformedBodyException {
        Reader r = new Reader("publish", plain);
        String group = r.name("group");
        int persist = r.persist();
        return new Publish(group, persist, new Bytes(r.message()));
    }

    // ------------------------------------------------------------------ encoders, for clients and tests

    /** The plain join body {@code {group=<g>,user=<u>,encrypt=<key>}}, names in UTF-8; not validated. */
    public static byte[] joinBody(String group, String user, byte[] key) {
        return concat(("{group=" + group + ",user=" + user + ",encrypt=").getBytes(StandardCharsets.UTF_8), key,
                new byte[] {'}'});
    }

    /** The plain p2p body {@code {<group>,<user>,<persist>,<message>}}; not validated. */
    public static byte[] p2pBody(String group, String user, int persistSeconds, byte[] message) {
        return concat(("{" + group + "," + user + "," + persistSeconds + ",").getBytes(StandardCharsets.UTF_8),
                message, new byte[] {'}'});
    }

    /** The plain publish body {@code {<group>,<persist>,<message>}}; not validated. */
    public static byte[] publishBody(String group, int persistSeconds, byte[] message) {
        return concat(("{" + group + "," + persistSeconds + ",").getBytes(StandardCharsets.UTF_8), message,
                new byte[] {'}'});
    }

    private static byte[] concat(byte[] a, byte[] b, byte[] c) {
        byte[] out = Arrays.copyOf(a, a.length + b.length + c.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(c, 0, out, a.length + b.length, c.length);
        return out;
    }

    // ------------------------------------------------------------------ reading

    /** Reads the fields between the first '{' and the last '}', front to back. */
    private static final class Reader {
        private final String body;
        private final byte[] bytes;
        private final int end;
        private int at;

        Reader(String body, byte[] plain) throws MalformedBodyException {
            Objects.requireNonNull(plain, "plain");
            this.body = body;
            this.bytes = plain;
            int open = indexOf(plain, (byte) '{', 0, plain.length);
            if (open < 0) {
                throw new MalformedBodyException(body + ": no '{' in " + plain.length + " bytes");
            }
            int close = plain.length - 1;
            while (close > open && plain[close] != '}') {
                close--;
            }
            if (close == open) {
                throw new MalformedBodyException(body + ": no '}' after the '{'");
            }
            this.at = open + 1;
            this.end = close;
        }

        void expectLabel(String label) throws MalformedBodyException {
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            if (end - at < l.length || !Arrays.equals(bytes, at, at + l.length, l, 0, l.length)) {
                throw new MalformedBodyException(body + ": expected \"" + label + "\" at "
                        + quote(bytes, at, Math.min(end, at + l.length)));
            }
            at += l.length;
        }

        /** The bytes up to the next comma, which is consumed. */
        private byte[] field(String what) throws MalformedBodyException {
            int comma = indexOf(bytes, (byte) ',', at, end);
            if (comma < 0) {
                throw new MalformedBodyException(body + ": no ',' after the " + what);
            }
            byte[] field = Arrays.copyOfRange(bytes, at, comma);
            at = comma + 1;
            return field;
        }

        String name(String what) throws MalformedBodyException {
            byte[] name = field(what);
            if (name.length == 0 || name.length > MAX_NAME_BYTES) {
                throw new MalformedBodyException(body + ": " + what + " is " + name.length + " bytes, not 1.."
                        + MAX_NAME_BYTES + (name.length == 0 ? "" : ": " + quote(name, 0, name.length)));
            }
            if (indexOf(name, (byte) 0, 0, name.length) >= 0) {
                throw new MalformedBodyException(body + ": " + what + " holds a NUL byte: " + quote(name, 0, name.length));
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(name)).toString();
            } catch (CharacterCodingException e) {
                throw new MalformedBodyException(body + ": " + what + " is not UTF-8: " + quote(name, 0, name.length));
            }
        }

        int persist() throws MalformedBodyException {
            byte[] digits = field("persist time");
            if (digits.length == 0 || digits.length > MAX_PERSIST_DIGITS) {
                throw new MalformedBodyException(body + ": persist time is " + digits.length + " bytes, not 1.."
                        + MAX_PERSIST_DIGITS + (digits.length == 0 ? "" : ": " + quote(digits, 0, digits.length)));
            }
            long value = 0;
            for (byte d : digits) {
                if (d < '0' || d > '9') {
                    throw new MalformedBodyException(body + ": persist time is not a decimal integer >= 0: "
                            + quote(digits, 0, digits.length));
                }
                value = value * 10 + (d - '0');
                if (value > Integer.MAX_VALUE) {
                    throw new MalformedBodyException(body + ": persist time is over " + Integer.MAX_VALUE
                            + " seconds: " + quote(digits, 0, digits.length));
                }
            }
            return (int) value;
        }

        byte[] message() throws MalformedBodyException {
            byte[] message = rest();
            if (message.length == 0 || message.length > MAX_MESSAGE_BYTES) {
                throw new MalformedBodyException(body + ": message is " + message.length + " bytes, not 1.."
                        + MAX_MESSAGE_BYTES);
            }
            return message;
        }

        byte[] rest() {
            byte[] rest = Arrays.copyOfRange(bytes, at, end);
            at = end;
            return rest;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String quote(byte[] bytes, int from, int to) {
        return "\"" + printable(Arrays.copyOfRange(bytes, from, to), QUOTED_BYTES) + "\"";
    }

    /**
     * At most {@code max} bytes for a log line: printable ASCII as is ({@code "} and {@code \} escaped),
     * every other byte as {@code \xNN}, and {@code ...} when cut.
     */
    static String printable(byte[] bytes, int max) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(bytes.length, max);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '"' || b == '\\') {
                sb.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7F) {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        if (shown < bytes.length) {
            sb.append("...");
        }
        return sb.toString();
    }
}
