package io.missive.repository;

/** Whether this node hears the cluster's commit feed; always true on a node that is not in a cluster. */
public interface CommitFeedProbe {

    boolean listening();
}
