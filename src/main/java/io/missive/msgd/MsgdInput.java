package io.missive.msgd;

import io.missive.core.model.Bytes;

import java.util.Objects;

/**
 * What {@link MsgdFrameDecoder} hands up: one per trpc request frame, or one {@link Malformed}, after
 * which it hands up nothing more.
 */
public sealed interface MsgdInput {

    /**
     * A trpc frame of type 0 whose payload starts with the magic {@code TSRQ} and a 20-byte msgd header
     * whose length matches the data that follows. The version is not checked here
     * ({@link MsgdHeader#versionSupported()}), nor the type.
     *
     * @param data the data after the msgd header, still enciphered (possibly empty)
     */
    record Request(int trpcSeq, MsgdHeader header, Bytes data) implements MsgdInput {
        public Request {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(data, "data");
        }
    }

    /** A trpc frame of type 0 whose payload does not start with {@code TSRQ}: logged and dropped, no reply. */
    record BadMagic(int trpcSeq) implements MsgdInput {
    }

    /**
     * Input that cannot be framed; the connection closes, without a reply (there is no request to
     * repeat the header of).
     *
     * @param reason what is wrong, printable ASCII, for one log line
     */
    record Malformed(String reason) implements MsgdInput {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
