package io.missive.rest.groups;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/groups/{id}/members}: the members in uid order. */
@Schema(name = "Members")
@JsonbPropertyOrder({"groupId", "members"})
public record MembersJson(@Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "4294967295") long groupId, List<Member> members) {

    /** One member. */
    @JsonbPropertyOrder({"uid", "joinedAt"})
    public record Member(@Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "4294967295") long uid, @Schema(type = SchemaType.STRING, format = "date-time", description = "ISO-8601 instant, UTC") Instant joinedAt) {
    }
}
