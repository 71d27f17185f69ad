package io.missive.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API lives under /api; the seed's push paths /registration and /put are forwarded to it. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Missive", version = "1",
        description = "REST API for business back ends (`Authorization: Bearer <key>`, the key being the server's"
                + " `missive.api-key`), for end users' apps (`Authorization: Bearer <access token>` from"
                + " `POST /api/auth/login`) and for push devices (seed 001). Errors are JSON `{\"code\",\"message\"}`;"
                + " the seed's push calls answer `{\"code\":N,\"msg\"}`."))
@SecurityScheme(securitySchemeName = ApiKeyFilter.SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The server's API key (missive.api-key / MISSIVE_API_KEY) as a bearer token")
@SecurityScheme(securitySchemeName = ApiKeyFilter.TOKEN_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "An end user's access token from POST /api/auth/login")
public class MissiveApplication extends Application {
}
