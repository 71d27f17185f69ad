package io.missive.rest.auth;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A login's answer: the access token to send as {@code Authorization: Bearer <accessToken>}. */
@Schema(name = "Token")
@JsonbPropertyOrder({"accessToken", "tokenType", "expiresIn", "expiresAt", "uid", "username"})
public record TokenJson(String accessToken, String tokenType,
                        @Schema(description = "seconds the token is valid for") long expiresIn,
                        @Schema(type = SchemaType.STRING, format = "date-time") Instant expiresAt,
                        @Schema(type = SchemaType.INTEGER, format = "int64") long uid, String username) {
}
