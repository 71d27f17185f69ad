package io.missive.repository;

/** A push channel's subscribers by device type: all a business put needs of the devices. */
@FunctionalInterface
public interface ChannelDevices {

    /** The subscribers of a channel whose device type is {@code deviceType}, in uid order. */
    long[] subscribersOfType(long channelId, int deviceType);
}
