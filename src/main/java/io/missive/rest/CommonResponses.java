package io.missive.rest;

/**
 * The names of the error answers that many operations share, declared once in the OpenAPI
 * document's {@code components/responses} ({@link MissiveApplication}) and referred to by name
 * ({@code @APIResponse(responseCode = "404", ref = CommonResponses.NOT_FOUND)}). Each is a JSON
 * {@code ApiError} whose message says what exactly was wrong.
 */
public final class CommonResponses {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    public static final String NOT_STORED = "NotStored";

    private CommonResponses() {
    }
}
