package io.missive.repository;

import java.time.Instant;
import java.util.Optional;

/**
 * Operators' browsing of accounts, groups and devices: a case-insensitive substring of a name (or
 * an exact id), paged, in id order. Plain users and admins are "users"; the system user and push
 * devices are not (devices have their own listing).
 */
public interface DirectorySearch {

    /** An account as listed. */
    record UserRow(long uid, String username, String role, boolean disabled, Instant createdAt) {
    }

    /** A group as listed. */
    record GroupRow(long id, String name, Instant createdAt, int memberCount) {
    }

    /** A push device as listed. */
    record DeviceRow(long deviceId, String serialNo, int deviceType, String deviceName, Instant registeredAt,
                     boolean disabled) {
    }

    Page<UserRow> users(String q, int offset, int limit);

    Page<GroupRow> groups(String q, int offset, int limit);

    Page<DeviceRow> devices(String q, int offset, int limit);

    /** The device of that id, as listed. */
    Optional<DeviceRow> device(long uid);
}
