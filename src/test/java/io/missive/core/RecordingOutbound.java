package io.missive.core;

import io.missive.core.model.Message;
import io.missive.core.session.CloseReason;
import io.missive.core.session.SessionOutbound;

import java.util.ArrayList;
import java.util.List;

/** A protocol adapter that writes down what the core asks of it. */
public final class RecordingOutbound implements SessionOutbound {

    public final List<Message> pushes = new ArrayList<>();
    public final List<CloseReason> closes = new ArrayList<>();
    /** What {@link #pushesWithoutBlocking} answers: true as a protocol whose push only writes. */
    public boolean writesOnly;

    @Override
    public boolean pushesWithoutBlocking() {
        return writesOnly;
    }

    @Override
    public void push(Message message) {
        pushes.add(message);
    }

    @Override
    public void close(CloseReason reason) {
        closes.add(reason);
    }

    public List<String> payloads() {
        return pushes.stream().map(m -> new String(m.payload())).toList();
    }
}
