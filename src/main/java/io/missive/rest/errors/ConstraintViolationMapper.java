package io.missive.rest.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request that breaks a validation rule: 400 {@value ApiError#INVALID_REQUEST} listing every
 * violation by JSON field ({@code "body"} when the body itself is missing). A violation on a
 * return value is the server's fault: 500.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        if (e.getConstraintViolations() == null || e.getConstraintViolations().isEmpty()
                || e.getConstraintViolations().stream().anyMatch(ConstraintViolationMapper::onReturnValue)) {
            return UnexpectedExceptionMapper.internalError(e);
        }
        List<ApiError.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new ApiError.Violation(field(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(ApiError.Violation::field).thenComparing(ApiError.Violation::message))
                .toList();
        String summary = violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
        return Errors.response(Response.Status.BAD_REQUEST,
                new ApiError(ApiError.INVALID_REQUEST, "invalid request: " + summary, violations));
    }

    private static boolean onReturnValue(ConstraintViolation<?> v) {
        for (Path.Node node : v.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** "username" for create.arg0.username; "body" for a violation on the body parameter itself. */
    static String field(Path path) {
        List<String> properties = new ArrayList<>();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getName() != null) {
                    properties.add(node.getName());
                }
            }
        }
        return properties.isEmpty() ? "body" : String.join(".", properties);
    }
}
