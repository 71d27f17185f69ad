package io.missive.binary;

import io.missive.core.model.Bytes;

/** A frame that carries a payload. */
public sealed interface PayloadFrame extends BinaryFrame permits BinaryFrame.Publish, BinaryFrame.Push,
        BinaryFrame.GroupPublish, BinaryFrame.GroupPartPublish, BinaryFrame.RichPush {

    Bytes body();

    /** The payload's bytes (not a copy). */
    default byte[] payload() {
        return body().value();
    }
}
