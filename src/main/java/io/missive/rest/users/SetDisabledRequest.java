package io.missive.rest.users;

import io.missive.rest.InputRules;
import io.missive.rest.StrictBooleanDeserializer;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /api/users/{uid}/disabled}: {@code {"disabled":true}}; only JSON true and false are accepted. */
@Schema(name = "SetDisabled")
public class SetDisabledRequest {

    @Schema(required = true)
    @NotNull(message = InputRules.REQUIRED_MESSAGE)
    @JsonbTypeDeserializer(StrictBooleanDeserializer.class)
    public Boolean disabled;
}
