package io.missive.rest;

import io.missive.rest.errors.ApiError;
import io.missive.rest.security.ApiKeyFilter;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API lives under /api; the seed's push paths /registration and /put are forwarded to it. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Missive", version = "1",
        description = "REST API for business back ends (`Authorization: Bearer <key>`, the key being the server's"
                + " `missive.api-key`), for end users' apps (`Authorization: Bearer <access token>` from"
                + " `POST /api/auth/login`) and for push devices (seed 001). Errors are JSON `{\"code\",\"message\"}`;"
                + " the seed's push calls answer `{\"code\":N,\"msg\"}`."),
        components = @Components(responses = {
                @APIResponse(name = CommonResponses.BAD_REQUEST, responseCode = "400", description = "Malformed JSON,"
                        + " a broken rule, or an id, parameter or page out of range; the message says which",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiError.SCHEMA))),
                @APIResponse(name = CommonResponses.UNAUTHORIZED, responseCode = "401", description = "No credential,"
                        + " a wrong API key (or none configured on the server), or an invalid or expired access token",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiError.SCHEMA))),
                @APIResponse(name = CommonResponses.FORBIDDEN, responseCode = "403", description = "A caller this call"
                        + " does not serve: an end user outside the group or conversation, a user who is not an enabled"
                        + " administrator, the API key on the admin API, a sender outside the group; the message says which",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiError.SCHEMA))),
                @APIResponse(name = CommonResponses.NOT_FOUND, responseCode = "404", description = "No such user, group,"
                        + " device, sender, subscription or connection, or no subscriber; the message says which",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiError.SCHEMA))),
                @APIResponse(name = CommonResponses.PAYLOAD_TOO_LARGE, responseCode = "413",
                        description = "The payload is over missive.message.max-payload-bytes",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiError.SCHEMA))),
                @APIResponse(name = CommonResponses.NOT_STORED, responseCode = "503",
                        description = "The message could not be stored; retry (with clientMsgId)",
                        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiError.SCHEMA)))
        }))
@SecurityScheme(securitySchemeName = ApiKeyFilter.SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The server's API key (missive.api-key / MISSIVE_API_KEY) as a bearer token")
@SecurityScheme(securitySchemeName = ApiKeyFilter.TOKEN_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An end user's access token from POST /api/auth/login")
public class MissiveApplication extends Application {
}
