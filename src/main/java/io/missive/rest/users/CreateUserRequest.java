package io.missive.rest.users;

import io.missive.rest.InputRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/users}: {@code {"username":"alice","password":"s3cret-pw","role":"user"}}.
 * (Request bodies are classes, not records: a record copies its components' constraint
 * annotations onto its constructor, which Payara's OpenAPI scanner cannot handle.)
 */
@Schema(name = "CreateUser")
public class CreateUserRequest {

    @Schema(required = true, pattern = InputRules.USERNAME_PATTERN, maxLength = 64, example = "alice")
    @NotNull(message = InputRules.REQUIRED_MESSAGE)
    @Pattern(regexp = InputRules.USERNAME_PATTERN, message = InputRules.USERNAME_MESSAGE)
    public String username;

    @Schema(required = true, minLength = InputRules.PASSWORD_MIN, maxLength = InputRules.PASSWORD_MAX)
    @NotNull(message = InputRules.REQUIRED_MESSAGE)
    @Size(min = InputRules.PASSWORD_MIN, max = InputRules.PASSWORD_MAX, message = InputRules.PASSWORD_MESSAGE)
    public String password;

    @Schema(enumeration = {"user", "admin"}, defaultValue = "user")
    @Pattern(regexp = InputRules.ROLE_PATTERN, message = InputRules.ROLE_MESSAGE)
    public String role;

    @Override
    public String toString() {
        return "CreateUserRequest[username=" + username + ", role=" + role + "]";
    }
}
