package io.missive.rest.groups;

import io.missive.rest.InputRules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/groups}: {@code {"name":"ops"}}. */
@Schema(name = "CreateGroup")
public class CreateGroupRequest {

    @Schema(required = true, maxLength = InputRules.GROUP_NAME_MAX, example = "ops")
    @NotBlank(message = InputRules.GROUP_NAME_MESSAGE)
    @Size(max = InputRules.GROUP_NAME_MAX, message = InputRules.GROUP_NAME_MESSAGE)
    public String name;
}
