package io.missive.msgd;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The msgd header after the magic {@code TSRQ}: the version's four bytes, the type, the seq (the
 * caller's msgId for p2p and publish, echoed in the reply) and the length of the data that follows.
 *
 * @param version the version's four bytes as ISO-8859-1 characters (one char per byte, so any bytes
 *                are kept exactly), {@code "V200"} from the current client library
 */
public record MsgdHeader(String version, int type, int seq, int length) {

    /** The version the client library sends and the server puts in its pushes. */
    public static final String V200 = "V200";

    /** The version field's size in bytes. */
    public static final int VERSION_BYTES = 4;

    public MsgdHeader {
        Objects.requireNonNull(version, "version");
        if (version.length() != VERSION_BYTES) {
            throw new IllegalArgumentException("a msgd version has 4 bytes, not " + version.length());
        }
        for (int i = 0; i < VERSION_BYTES; i++) {
            if (version.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("a msgd version is 4 bytes as ISO-8859-1 characters");
            }
        }
    }

    /**
     * Whether the original server would accept the version: its first byte is {@code 'V'} and
     * {@code strncmp(ver, "V200", 4) >= 0}, that is, the four bytes compared as unsigned bytes are at
     * least {@code "V200"} (a NUL byte compares below any character, as strncmp's end does).
     */
    public boolean versionSupported() {
        // ISO-8859-1 chars are the unsigned byte values, so String order is strncmp's order over 4 bytes
        return version.charAt(0) == 'V' && version.compareTo(V200) >= 0;
    }

    /** The version's four bytes. */
    public byte[] versionBytes() {
        return version.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The version for a log line: printable ASCII as is, other bytes as {@code \xNN}. */
    public String printableVersion() {
        return MsgdBodies.printable(versionBytes(), VERSION_BYTES);
    }
}
