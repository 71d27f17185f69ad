/**
 * What a protocol adapter needs from a transport, whatever carries its frames (a WebSocket,
 * a length-prefixed TCP stream): a {@link io.missive.transport.FrameSink} to write whole frames
 * and close, and the inbound {@link io.missive.transport.FrameListener} each protocol implements.
 */
package io.missive.transport;
