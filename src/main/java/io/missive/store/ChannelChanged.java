package io.missive.store;

/** A channel's subscribers changed; fired inside the changing transaction. */
public record ChannelChanged(long channelId) {
}
