package io.missive.websocket;

/**
 * @param maxFrameBytes      largest binary message accepted; a larger one closes the connection (1009)
 * @param outboundLimitBytes bytes queued for a connection and not yet written, before it is cut off as too slow
 */
public record WebSocketLimits(int maxFrameBytes, long outboundLimitBytes) {
}
