package io.missive.rest.auth;

import io.missive.rest.InputRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/auth/login}: {@code {"username":"alice","password":"s3cret-pw"}}. */
@Schema(name = "Login")
public class LoginRequest {

    @Schema(required = true, maxLength = 64, example = "alice")
    @NotNull(message = InputRules.REQUIRED_MESSAGE)
    @Size(min = 1, max = 64, message = "must be 1 to 64 characters")
    public String username;

    @Schema(required = true, maxLength = InputRules.PASSWORD_MAX)
    @NotNull(message = InputRules.REQUIRED_MESSAGE)
    @Size(min = 1, max = InputRules.PASSWORD_MAX, message = "must be 1 to 256 characters")
    public String password;

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
