package io.missive.core.routing;

import io.missive.core.model.Message;

import java.util.List;

/** Reads other nodes' committed messages from the store, for the sessions of this node. */
public interface CommittedReader {

    /**
     * The stored messages at these places, in the order given; those gone meanwhile (expired, their
     * group deleted) are left out. Throws when the store cannot be read.
     */
    List<Message> read(List<CommitNotice.Committed> places);
}
