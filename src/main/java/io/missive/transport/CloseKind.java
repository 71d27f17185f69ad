package io.missive.transport;

import java.nio.charset.StandardCharsets;

/**
 * Why a transport connection is closed, in words each transport maps to its own codes; the
 * WebSocket close code is here because two transports (the container's WebSocket and the
 * connector's) send it.
 */
public enum CloseKind {
    /** The session ended as the protocol intends. */
    NORMAL(1000),
    /** The peer broke the protocol. */
    PROTOCOL_ERROR(1002),
    /** The peer sent a kind of data the protocol does not carry, such as text. */
    UNSUPPORTED_DATA(1003),
    /** A policy was violated: login timeout, slow reader, kicked. */
    POLICY(1008),
    /** A frame was over the size limit. */
    TOO_BIG(1009),
    /** The server is going away. */
    GOING_AWAY(1001),
    /** The server failed. */
    SERVER_ERROR(1011);

    /** A close frame's reason: at most 123 bytes of UTF-8 (RFC 6455, 5.5.1). */
    private static final int MAX_REASON_BYTES = 123;

    private final int webSocketCode;

    CloseKind(int webSocketCode) {
        this.webSocketCode = webSocketCode;
    }

    /** The WebSocket close status code (RFC 6455, 7.4.1). */
    public int webSocketCode() {
        return webSocketCode;
    }

    /** The kind with this WebSocket close code; {@link #NORMAL} for a code not listed here. */
    public static CloseKind ofWebSocketCode(int code) {
        for (CloseKind kind : values()) {
            if (kind.webSocketCode == code) {
                return kind;
            }
        }
        return NORMAL;
    }

    /** {@code reason} cut to what a WebSocket close frame carries, never in the middle of a character. */
    public static String webSocketReason(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        String cut = new String(bytes, 0, MAX_REASON_BYTES, StandardCharsets.UTF_8);
        // A multi-byte character cut in half decodes to U+FFFD; drop it.
        return cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
    }
}
