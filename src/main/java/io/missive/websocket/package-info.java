/**
 * The WebSocket transport (Jakarta WebSocket): endpoints at /ws and /wss that carry the
 * binary protocol, one binary message per frame, into the same protocol adapter the TCP
 * transport uses.
 */
package io.missive.websocket;
