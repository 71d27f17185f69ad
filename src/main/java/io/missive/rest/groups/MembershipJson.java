package io.missive.rest.groups;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /api/groups/{id}/members/{uid}}: added now (201) or a member already (200). */
@Schema(name = "Membership")
@JsonbPropertyOrder({"groupId", "uid", "added"})
public record MembershipJson(@Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "4294967295") long groupId, @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "4294967295") long uid,
                             boolean added) {
}
