package io.missive.text;

/** The field rules shared by commands, frames, the decoder and the codec. */
final class TextWire {

    /** The length of a server-made message id: 32 lower-case hex digits. */
    static final int MESSAGE_ID_LENGTH = 32;

    /** How many bytes of a client's input a reason quotes; enough to recognise it, short enough to log. */
    private static final int QUOTED_BYTES = 40;

    private TextWire() {
    }

    static long requireChannelId(long channelId) {
        if (channelId <= 0) {
            throw new IllegalArgumentException("a channel id is positive, not " + channelId);
        }
        return channelId;
    }

    static long requireClientId(long clientId) {
        if (clientId < 0) {
            throw new IllegalArgumentException("a client id is 0 or positive, not " + clientId);
        }
        return clientId;
    }

    static String requireMessageId(String messageId) {
        if (messageId == null || !isMessageId(messageId)) {
            throw new IllegalArgumentException("a message id is " + MESSAGE_ID_LENGTH
                    + " lower-case hex digits, not " + (messageId == null ? "null" : quote(messageId)));
        }
        return messageId;
    }

    static boolean isMessageId(CharSequence text) {
        if (text.length() != MESSAGE_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < MESSAGE_ID_LENGTH; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * A decimal number of ASCII digits, optionally after a '-' when {@code signed}, that fits a
     * {@code long}; otherwise null. Stricter than {@link Long#parseLong}: no '+', no other digits.
     */
    static Long parseDecimal(String text, boolean signed) {
        boolean negative = signed && text.startsWith("-");
        int start = negative ? 1 : 0;
        if (text.length() == start) {
            return null;
        }
        // accumulated as a negative number, whose range is one larger, so Long.MIN_VALUE parses
        long value = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            if (value < (Long.MIN_VALUE + (c - '0')) / 10) {
                return null;
            }
            value = value * 10 - (c - '0');
        }
        if (negative) {
            return value;
        }
        return value == Long.MIN_VALUE ? null : -value;
    }

    /**
     * The text in double quotes with every character outside printable ASCII (and '"', '\\') as
     * {@code \xNN}, cut after {@value #QUOTED_BYTES} characters: safe in a log line and an error
     * frame whatever a client sent. Characters are taken as bytes (the decoder reads ISO-8859-1).
     */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), QUOTED_BYTES) + 8).append('"');
        int shown = Math.min(text.length(), QUOTED_BYTES);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", c & 0xff));
            }
        }
        out.append('"');
        if (text.length() > shown) {
            out.append("...");
        }
        return out.toString();
    }
}
