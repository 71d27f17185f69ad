package io.missive.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API lives under /api. */
@ApplicationPath("/api")
@OpenAPIDefinition(info = @Info(title = "Missive", version = "1",
        description = "Management API for business back ends. Every call needs `Authorization: Bearer <key>`,"
                + " the key being the server's `missive.api-key`. Errors are JSON `{\"code\",\"message\"}`."))
@SecurityScheme(securitySchemeName = ApiKeyFilter.SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The server's API key (missive.api-key / MISSIVE_API_KEY) as a bearer token")
public class MissiveApplication extends Application {
}
