package io.missive.admin;

import io.missive.core.connection.LiveConnection;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.Locale;

/** A live connection as the admin API shows it; {@code uid} is written as null, not left out, when there is none. */
@Schema(name = "AdminConnection")
@JsonbNillable
@JsonbPropertyOrder({"id", "kind", "uid", "name", "protocol", "clientType", "remoteAddress", "connectedAt",
        "messagesIn", "messagesOut"})
public record ConnectionJson(
        @Schema(description = "Opaque; what DELETE /api/admin/connections/{id} takes") String id,
        @Schema(enumeration = {"user", "device", "server", "anonymous"}) String kind,
        @Schema(description = "null for a trusted server or an anonymous client") Long uid,
        @Schema(description = "username, device:<id>, MQTT client id or the server's address") String name,
        @Schema(description = "protocol-transport", example = "binary-ws") String protocol,
        @Schema(enumeration = {"normal", "subscriber", "publisher", "both"}) String clientType,
        @Schema(example = "127.0.0.1:51234") String remoteAddress,
        @Schema(type = SchemaType.STRING, format = "date-time") Instant connectedAt,
        long messagesIn,
        long messagesOut) {

    static ConnectionJson of(LiveConnection c) {
        return new ConnectionJson(Long.toString(c.id()), lower(c.peer().kind()), c.uid() == 0 ? null : c.uid(),
                c.name(), c.peer().label(), lower(c.clientType()), c.peer().address(),
                Instant.ofEpochMilli(c.connectedAtMillis()), c.messagesIn(), c.messagesOut());
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
