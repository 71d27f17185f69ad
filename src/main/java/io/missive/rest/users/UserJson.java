package io.missive.rest.users;

import io.missive.repository.UserAccount;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A user as the API shows it (never the password hash). */
@Schema(name = "User")
@JsonbPropertyOrder({"uid", "username", "role", "disabled", "createdAt"})
public record UserJson(@Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "4294967295") long uid, String username, String role, boolean disabled,
                       @Schema(type = SchemaType.STRING, format = "date-time", description = "ISO-8601 instant, UTC") Instant createdAt) {

    static UserJson of(UserAccount user) {
        return new UserJson(user.uid(), user.username(), user.role(), user.disabled(), user.createdAt());
    }
}
