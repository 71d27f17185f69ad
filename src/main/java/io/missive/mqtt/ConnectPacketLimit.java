package io.missive.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;

/**
 * The size limit of a connection's first packet, its CONNECT, in front of Netty's MQTT decoder: an
 * unauthenticated peer may make the server hold at most this much (as EMQX's
 * {@code max_connect_packet_size} and Mosquitto's limit on CONNECT), where later packets get the
 * larger packet limit. Only the first packet's fixed header (at most 5 bytes) is read here; a
 * remaining length over the limit becomes an undecodable packet for the connection, which closes
 * with one log line, and nothing more is read. Once the first header passed, the handler leaves
 * the pipeline.
 */
public final class ConnectPacketLimit extends ChannelInboundHandlerAdapter {

    /** A fixed header: one byte of type and flags, then at most 4 bytes of remaining length (2.2.3). */
    private static final int MAX_HEADER_BYTES = 5;

    private final int limit;
    private final byte[] header = new byte[MAX_HEADER_BYTES];
    private int headerBytes;
    private boolean refused;

    /** @param limit the largest remaining length of the first packet */
    public ConnectPacketLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        for (int i = in.readerIndex(); i < in.writerIndex() && !headerComplete(); i++) {
            header[headerBytes++] = in.getByte(i);
        }
        if (!headerComplete()) {
            ctx.fireChannelRead(msg);   // the decoder holds these few bytes until the header is whole
            return;
        }
        long remaining = remainingLength();
        if (remaining > limit) {
            refused = true;
            ReferenceCountUtil.release(msg);
            ctx.fireChannelRead(new MqttMessage(null, null, null, DecoderResult.failure(new TooLongFrameException(
                    "the first packet announces " + remaining + " bytes; before CONNECT the limit is " + limit
                            + " (missive.mqtt.max-connect-bytes)"))));
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    /** Whether the remaining length's last byte (no continuation bit) is in, or the header is as long as it may be. */
    private boolean headerComplete() {
        return headerBytes == MAX_HEADER_BYTES || headerBytes >= 2 && (header[headerBytes - 1] & 0x80) == 0;
    }

    /** The remaining length (2.2.3); a malformed one (a fifth length byte) is the decoder's to refuse: 0 here. */
    private long remainingLength() {
        long value = 0;
        for (int i = 1; i < headerBytes; i++) {
            value |= (long) (header[i] & 0x7f) << (7 * (i - 1));
            if ((header[i] & 0x80) == 0) {
                return value;
            }
        }
        return 0;
    }
}
