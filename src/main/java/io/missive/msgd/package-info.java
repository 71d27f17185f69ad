/**
 * msgd's client wire format (seed 000), as Missive speaks it: trpc frames around a msgd header, read
 * from the byte stream by a Netty decoder ({@link io.missive.msgd.MsgdFrameDecoder}) that
 * resynchronises over garbage, copes with any fragmentation and reports bad input as one
 * {@link io.missive.msgd.MsgdInput.Malformed}; the frames the server writes, as plain
 * {@link java.nio.ByteBuffer}s ({@link io.missive.msgd.MsgdCodec}); the message types and reply codes
 * ({@link io.missive.msgd.MsgdType}, {@link io.missive.msgd.MsgdCode}); the cipher
 * ({@link io.missive.msgd.MsgdCipher}) and the deciphered bodies ({@link io.missive.msgd.MsgdBodies}).
 * The wire format is described in {@code docs/protocol-msgd.md}.
 */
package io.missive.msgd;
