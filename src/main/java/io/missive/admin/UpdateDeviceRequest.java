package io.missive.admin;

import io.missive.rest.StrictBooleanDeserializer;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code PUT /api/admin/devices/{deviceId}}: a new name, disabled or enabled, or both; an absent
 * field stays as it is.
 */
@Schema(name = "AdminDeviceUpdate")
public class UpdateDeviceRequest {

    static final int MAX_DEVICE_NAME = 128;

    @Schema(description = "The device's new name", maxLength = MAX_DEVICE_NAME)
    @Size(max = MAX_DEVICE_NAME, message = "must be at most 128 characters")
    public String deviceName;

    @Schema(description = "true refuses the device's IDENTIFY and closes its live connection; false lets it in again")
    @JsonbTypeDeserializer(StrictBooleanDeserializer.class)
    public Boolean disabled;
}
