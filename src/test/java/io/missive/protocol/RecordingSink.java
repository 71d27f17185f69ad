package io.missive.protocol;

import io.missive.core.session.EventLoop;

import io.missive.transport.CloseKind;
import io.missive.transport.Sink;

import java.util.ArrayList;
import java.util.List;

/** A transport's sink for unit tests of protocol connections: what was sent, and how it was closed. */
public final class RecordingSink<O> implements Sink<O> {

    public final List<O> sent = new ArrayList<>();
    public CloseKind closedWith;
    public String closeReason;
    private final String remoteAddress;

    public RecordingSink() {
        this("127.0.0.1:40000");
    }

    public RecordingSink(String remoteAddress) {
        this.remoteAddress = remoteAddress;
    }

    @Override
    public boolean send(O message) {
        sent.add(message);
        return true;
    }

    @Override
    public void close(CloseKind kind, String reason) {
        if (closedWith == null) {
            closedWith = kind;
            closeReason = reason;
        }
    }

    /** The transport's event loop offered to the connection; none by default (as the container's WebSocket). */
    public EventLoop loop;

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    /** Whether the transport is told to stop reading now. */
    public boolean readingPaused;
    /** Whether this transport can stop reading (a TCP channel) or not (the container's WebSocket). */
    public boolean canPause = true;

    @Override
    public boolean pauseReading() {
        readingPaused = true;
        return canPause;
    }

    @Override
    public void resumeReading() {
        readingPaused = false;
    }

    public boolean closed() {
        return closedWith != null;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }
}
