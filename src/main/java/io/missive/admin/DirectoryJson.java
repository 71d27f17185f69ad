package io.missive.admin;

import io.missive.repository.DirectorySearch;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** The items of the admin API's listings of users, devices and pending messages. */
final class DirectoryJson {

    private DirectoryJson() {
    }

    /** A user as {@code /api/users} shows one, and whether the user is connected to this node. */
    @Schema(name = "AdminUser")
    @JsonbPropertyOrder({"uid", "username", "role", "disabled", "createdAt", "online"})
    public record User(long uid, String username, String role, boolean disabled,
                       @Schema(type = SchemaType.STRING, format = "date-time") Instant createdAt, boolean online) {

        static User of(DirectorySearch.UserRow row, boolean online) {
            return new User(row.uid(), row.username(), row.role(), row.disabled(), row.createdAt(), online);
        }
    }

    /** A registered push device, and whether it is connected to this node. */
    @Schema(name = "AdminDevice")
    @JsonbPropertyOrder({"deviceId", "serialNo", "deviceType", "deviceName", "registeredAt", "disabled", "online"})
    public record Device(long deviceId, String serialNo,
                         @Schema(description = "1 browser, 2 PC, 3 Android, 4 iOS, 5 Windows Phone, 6 other") int deviceType,
                         String deviceName, @Schema(type = SchemaType.STRING, format = "date-time") Instant registeredAt,
                         boolean disabled, boolean online) {

        static Device of(DirectorySearch.DeviceRow row, boolean online) {
            return new Device(row.deviceId(), row.serialNo(), row.deviceType(), row.deviceName(), row.registeredAt(),
                    row.disabled(), online);
        }
    }

    /** A user's count of stored messages not yet delivered to them. */
    @Schema(name = "AdminUserPending")
    @JsonbPropertyOrder({"uid", "username", "pending"})
    public record UserPending(long uid, String username, long pending) {
    }

    /** {@code GET /api/admin/users/{uid}/pending}. */
    @Schema(name = "AdminPendingCount")
    @JsonbPropertyOrder({"uid", "pending"})
    public record PendingCount(long uid, long pending) {
    }
}
