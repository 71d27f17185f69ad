package io.missive.repository;

import java.time.Instant;

/**
 * A registered push device (seed 001). Its uid is its device id and names a users row of role
 * {@value DeviceRepository#ROLE}, so that messages to and from it are stored like a user's.
 *
 * @param tokenHash the SHA-256 of the device's token; the token itself is never stored
 */
public record Device(long uid, String serialNo, int deviceType, String deviceName, byte[] tokenHash,
                     Instant registeredAt) {
}
