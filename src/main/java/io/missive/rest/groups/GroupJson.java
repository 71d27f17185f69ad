package io.missive.rest.groups;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A group as the API shows it. */
@Schema(name = "Group")
@JsonbPropertyOrder({"id", "name", "createdAt", "memberCount"})
public record GroupJson(@Schema(type = SchemaType.INTEGER, format = "int64", minimum = "1", maximum = "4294967295") long id, String name, @Schema(type = SchemaType.STRING, format = "date-time", description = "ISO-8601 instant, UTC") Instant createdAt,
                        int memberCount) {
}
