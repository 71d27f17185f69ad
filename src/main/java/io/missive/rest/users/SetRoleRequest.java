package io.missive.rest.users;

import io.missive.rest.InputRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /api/users/{uid}/role}: {@code {"role":"admin"}} or {@code {"role":"user"}}. */
@Schema(name = "SetRole")
public class SetRoleRequest {

    @Schema(required = true, enumeration = {"user", "admin"})
    @NotNull(message = InputRules.REQUIRED_MESSAGE)
    @Pattern(regexp = InputRules.ROLE_PATTERN, message = InputRules.ROLE_MESSAGE)
    public String role;
}
