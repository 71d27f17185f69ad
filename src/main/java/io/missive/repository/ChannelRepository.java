package io.missive.repository;

import io.missive.core.store.ChannelDirectory;

import java.util.List;

/** Push channels' subscriptions as the REST API manages them. */
public interface ChannelRepository extends ChannelDirectory {

    /** The channels a user is subscribed to, in id order. */
    List<Long> channelsOf(long uid);
}
