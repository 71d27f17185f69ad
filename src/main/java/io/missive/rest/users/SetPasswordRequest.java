package io.missive.rest.users;

import io.missive.rest.InputRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /api/users/{uid}/password}: {@code {"password":"n3w-secret"}}. */
@Schema(name = "SetPassword")
public class SetPasswordRequest {

    @Schema(required = true, minLength = InputRules.PASSWORD_MIN, maxLength = InputRules.PASSWORD_MAX)
    @NotNull(message = InputRules.REQUIRED_MESSAGE)
    @Size(min = InputRules.PASSWORD_MIN, max = InputRules.PASSWORD_MAX, message = InputRules.PASSWORD_MESSAGE)
    public String password;

    @Override
    public String toString() {
        return "SetPasswordRequest[***]";
    }
}
