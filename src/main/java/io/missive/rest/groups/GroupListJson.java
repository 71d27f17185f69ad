package io.missive.rest.groups;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** {@code GET /api/users/{uid}/groups}: the groups a user is in (seed 003's group list), in id order. */
@Schema(name = "GroupList")
@JsonbPropertyOrder({"uid", "groups"})
public record GroupListJson(@Schema(type = SchemaType.INTEGER, format = "int64") long uid, List<GroupJson> groups) {
}
