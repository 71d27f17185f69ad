package io.missive.core.routing;

import io.missive.core.model.Target;

import java.util.List;

/**
 * What one node's commit told the cluster: the messages it stored, in seq order per
 * conversation. The notices of every node reach every node in the database's commit order.
 *
 * @param originNode the node whose writer committed them
 */
public record CommitNotice(String originNode, List<Committed> messages) {

    public CommitNotice {
        messages = List.copyOf(messages);
    }

    /**
     * One stored message, by its place in its conversation.
     *
     * @param recipients whom it is for, as far as a node needs to know whether to read it: a part of a
     *                   group or channel is named as the whole group or channel
     */
    public record Committed(long conversationId, long seq, Target recipients) {
    }
}
