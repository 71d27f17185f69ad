package io.missive.core.store;

import io.missive.core.model.MemberSet;

import java.util.Optional;

/**
 * Who is subscribed to which push channel. Subscriptions are durable: a device that subscribed
 * receives the channel's messages published while it was offline, from the moment it
 * subscribed, until it unsubscribes.
 */
public interface ChannelDirectory {

    /** The current subscribers; an empty set when there are none. */
    MemberSet subscribers(long channelId);

    /** The subscribers if they are at hand without a read (cached); empty otherwise. Never blocks. */
    Optional<MemberSet> subscribersAtHand(long channelId);

    /** Subscribes; answers false when the user was subscribed already. May block. */
    boolean subscribe(long channelId, long uid);

    /** Unsubscribes; answers false when the user was not subscribed. May block. */
    boolean unsubscribe(long channelId, long uid);
}
