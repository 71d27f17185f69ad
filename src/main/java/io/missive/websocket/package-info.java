/**
 * The WebSocket transport (Jakarta WebSocket): endpoints at /ws and /wss that carry the
 * binary protocol, one binary message per frame, and at /mqtt that carry MQTT's byte stream,
 * into the same protocol adapters the TCP transport uses.
 */
package io.missive.websocket;
