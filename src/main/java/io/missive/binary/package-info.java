/**
 * The binary instant-messaging protocol of seed 002, as Missive speaks it: the frames
 * ({@link io.missive.binary.BinaryFrame}, {@link io.missive.binary.FrameType}), their answer codes
 * ({@link io.missive.binary.ConnectCode}, {@link io.missive.binary.RefusalCode}) and a stateless codec
 * ({@link io.missive.binary.BinaryCodec}) that turns one whole frame's bytes into a frame and back,
 * knowing nothing of the transport (one WebSocket binary message, or one length-prefixed TCP record).
 * The session adapter that translates these frames into calls on the messaging core lives in this
 * package too (written separately); the wire format itself is described in {@code docs/protocol-binary.md}.
 */
package io.missive.binary;
