package io.missive.repository;

import java.util.Optional;

/** Registered push devices. Disabling one is disabling its users row ({@link UserRepository#setDisabled}). */
public interface DeviceRepository extends ChannelDevices {

    /** The role of a device's users row. */
    String ROLE = "device";

    /**
     * Registers a device, or registers it again: the same serial number keeps its device id and
     * gets the new type, name and token hash (the old token stops working). Two first
     * registrations of one serial number racing: the loser's is a {@link DuplicateEntityException}.
     */
    Device register(String serialNo, int deviceType, String deviceName, byte[] tokenHash);

    Optional<Device> find(long uid);

    /** The hash of the current token of the device registered under {@code serialNo}; empty when none is. */
    Optional<byte[]> tokenHash(String serialNo);

    /** Gives a device a new name; answers it, or empty when there is none of that id. */
    Optional<Device> rename(long uid, String deviceName);

    /** Whether the device's users row is disabled, or missing. */
    boolean disabled(long uid);
}
