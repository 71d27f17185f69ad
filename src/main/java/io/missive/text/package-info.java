/**
 * The text push protocol of seed 001 (NSQ-like), as Missive speaks it: the commands a client sends
 * ({@link io.missive.text.TextCommand}), read from the byte stream by a Netty decoder
 * ({@link io.missive.text.TextCommandDecoder}) that copes with any fragmentation and reports bad input
 * as one {@link io.missive.text.TextCommand.Malformed}; the frames the server sends
 * ({@link io.missive.text.TextFrame}), turned into plain {@link java.nio.ByteBuffer}s by
 * {@link io.missive.text.TextCodec}; and the connection's state machine
 * ({@link io.missive.text.TextConnection}, on the shared {@link io.missive.protocol.ProtocolConnection}).
 * The wire format is described in {@code docs/protocol-text.md}.
 */
package io.missive.text;
