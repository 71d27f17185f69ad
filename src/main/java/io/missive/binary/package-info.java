/**
 * The binary instant-messaging protocol of seed 002, as Missive speaks it: the frames
 * ({@link io.missive.binary.BinaryFrame}, each knowing its own layout; {@link io.missive.binary.FrameType}),
 * their answer codes ({@link io.missive.binary.ConnectCode}, {@link io.missive.binary.RefusalCode}), a
 * stateless codec ({@link io.missive.binary.BinaryCodec}) that turns one whole frame's bytes into a frame
 * and back, knowing nothing of the transport, and the connection's state machine
 * ({@link io.missive.binary.BinaryConnection}, on the shared {@link io.missive.protocol.ProtocolConnection}).
 * The wire format is described in {@code docs/protocol-binary.md}.
 */
package io.missive.binary;
