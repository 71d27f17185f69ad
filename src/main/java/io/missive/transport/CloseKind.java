package io.missive.transport;

/** Why a transport connection is closed, in words each transport maps to its own codes. */
public enum CloseKind {
    /** The session ended as the protocol intends (WebSocket 1000). */
    NORMAL,
    /** The peer broke the protocol (WebSocket 1002). */
    PROTOCOL_ERROR,
    /** The peer sent a kind of data the protocol does not carry, such as text (WebSocket 1003). */
    UNSUPPORTED_DATA,
    /** A policy was violated: login timeout, slow reader, kicked (WebSocket 1008). */
    POLICY,
    /** A frame was over the size limit (WebSocket 1009). */
    TOO_BIG,
    /** The server is going away (WebSocket 1001). */
    GOING_AWAY,
    /** The server failed (WebSocket 1011). */
    SERVER_ERROR
}
