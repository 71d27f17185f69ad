package io.missive.binary;

import io.missive.core.model.MessageId;

/** A frame whose body is a message id alone: the acknowledgements. */
public sealed interface AckFrame extends BinaryFrame
        permits BinaryFrame.PubAck, BinaryFrame.GroupPubAck, BinaryFrame.GroupPartPubAck {

    MessageId msgId();

    @Override
    default int bodyLength() {
        return MessageId.LENGTH;
    }

    @Override
    default void writeBody(FrameWriter out) {
        out.msgId(msgId());
    }
}
