package io.missive.binary;

/** Checks and helpers shared by the frame records and the codec. Package-private. */
final class Wire {

    static final long MAX_U32 = 0xFFFF_FFFFL;
    static final int MAX_U16 = 0xFFFF;

    private Wire() {
    }

    /** A uid or group id: unsigned 32-bit and not 0. */
    static long requireId(String what, long value) {
        if (value <= 0 || value > MAX_U32) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_U32 + ", not " + value);
        }
        return value;
    }

    /** An unsigned 32-bit value, 0 allowed. */
    static long requireU32(String what, long value) {
        if (value < 0 || value > MAX_U32) {
            throw new IllegalArgumentException(what + " must be 0 to " + MAX_U32 + ", not " + value);
        }
        return value;
    }

    /** An unsigned byte. */
    static int requireU8(String what, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(what + " must be 0 to 255, not " + value);
        }
        return value;
    }

    /** A payload that fits a 16-bit PayloadLen. */
    static byte[] requirePayload(byte[] payload) {
        if (payload == null) {
            throw new NullPointerException("payload");
        }
        if (payload.length > MAX_U16) {
            throw new IllegalArgumentException("a payload has at most " + MAX_U16 + " bytes, not " + payload.length);
        }
        return payload;
    }

    /** GROUP_PART_PUBLISH's recipients: 1 to 65535 uids, none of them 0. */
    static long[] requireUids(long[] uids) {
        if (uids.length == 0 || uids.length > MAX_U16) {
            throw new IllegalArgumentException("toUids must hold 1 to " + MAX_U16 + " uids, not " + uids.length);
        }
        for (long uid : uids) {
            requireId("every uid of toUids", uid);
        }
        return uids;
    }

    /** A string whose UTF-8 form fits a 16-bit length. */
    static String requireString16(String what, String value) {
        if (value == null) {
            throw new NullPointerException(what);
        }
        int length = utf8Length(value);
        if (length < 0) {
            throw new IllegalArgumentException(what + " contains an unpaired surrogate and has no UTF-8 form");
        }
        if (length > MAX_U16) {
            throw new IllegalArgumentException(what + " has at most " + MAX_U16 + " UTF-8 bytes, not " + length);
        }
        return value;
    }

    /** The length of a string's UTF-8 form, or -1 when it contains an unpaired surrogate. */
    static int utf8Length(String s) {
        int n = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 4;
                    i++;
                } else {
                    return -1;
                }
            } else if (Character.isLowSurrogate(c)) {
                return -1;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Writes a string's UTF-8 form (the string has no unpaired surrogate); returns the next offset. */
    static int writeUtf8(String s, byte[] target, int offset) {
        int p = offset;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                target[p++] = (byte) c;
            } else if (c < 0x800) {
                target[p++] = (byte) (0xC0 | (c >> 6));
                target[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                target[p++] = (byte) (0xF0 | (cp >> 18));
                target[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                target[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                target[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                target[p++] = (byte) (0xE0 | (c >> 12));
                target[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                target[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return p;
    }

    /** "1 byte follows", "2 bytes follow". */
    static String follow(int n) {
        return n == 1 ? "1 byte follows" : n + " bytes follow";
    }

    /** "1 byte", "2 bytes". */
    static String bytes(int n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }
}
