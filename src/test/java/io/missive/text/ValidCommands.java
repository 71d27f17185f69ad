package io.missive.text;

import static io.missive.TestBytes.SEED_MSG_ID;
import static io.missive.TestBytes.of;

import io.missive.text.TextCommand.Close;
import io.missive.text.TextCommand.Fin;
import io.missive.text.TextCommand.Heartbeat;
import io.missive.text.TextCommand.Identify;
import io.missive.text.TextCommand.Pub;
import io.missive.text.TextCommand.Sub;
import io.missive.text.TextCommand.Unsub;
import java.util.List;

/** One or more of every command, at the edges of their fields, within {@link DecoderRun}'s limits. */
final class ValidCommands {

    /** The magic a client sends first: two spaces, V, 1. */
    static final String MAGIC = "  V1";

    static final List<TextCommand> ALL = List.of(
            new Identify(of("{\"client_id\":1030391111929,\"heartbeat_interval\":300,\"token\":\"t\",\"confirm\":true}")),
            new Identify(of(0)),
            new Sub(1),
            new Sub(Long.MAX_VALUE),
            new Unsub(42),
            new Pub(0, 42, 7, of("hello")),
            new Pub(Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, new byte[DecoderRun.MAX_BODY]),
            new Pub(1030391111929L, 1, -1, new byte[0]),
            new Pub(1, 2, 3, of("PUB 1 2 3\n", 0, 0, 0, 0)),
            new Fin(SEED_MSG_ID),
            new Fin("0123456789abcdef0123456789abcdef"),
            Heartbeat.INSTANCE,
            Close.INSTANCE);

    private ValidCommands() {
    }
}
