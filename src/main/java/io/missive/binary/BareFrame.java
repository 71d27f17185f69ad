package io.missive.binary;

/** A frame that is its type byte alone. */
public sealed interface BareFrame extends BinaryFrame permits BinaryFrame.Ping, BinaryFrame.PingResp, BinaryFrame.Disconnect {

    @Override
    default int bodyLength() {
        return 0;
    }

    @Override
    default void writeBody(FrameWriter out) {
        // the type byte is all
    }
}
