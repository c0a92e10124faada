package se.bredvid.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;

import java.util.ArrayList;

import java.util.List;

/**
 * Turns every error the framework produces (malformed JSON, wrong types, validation, unknown routes and
 * methods, oversized bodies, authentication) into an RFC 9457 problem document. Never a stack trace:
 * the detail comes from the framework's error messages, which describe the request, not the server.
 */
@Singleton
@Primary
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        if (context.getRequest().getMethod() == HttpMethod.HEAD) {
            return (MutableHttpResponse<Problem>) response;
        }
        Throwable cause = context.getRootCause().orElse(null);
        Problem problem = problemFor(status, cause, context.getErrors());
        return ((MutableHttpResponse<Problem>) response).body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private static Problem problemFor(HttpStatus status, Throwable cause, List<Error> errors) {
        if (isJsonError(cause)) {
            return new Problem(Problem.type("malformed-body"), "Malformed request body", status.getCode(),
                    "The request body is not valid JSON for this request: it is malformed, has a field of"
                            + " the wrong type, or has a field this request does not accept.", List.of());
        }
        if (cause instanceof ConstraintViolationException violation) {
            return new Problem(Problem.type("validation"), "Invalid request", status.getCode(),
                    "The request has invalid fields.", violations(violation));
        }
        if (cause instanceof ConversionErrorException conversion) {
            String field = conversion.getArgument().getName();
            return new Problem(Problem.type("invalid-value"), "Invalid value", status.getCode(),
                    "The value of '" + field + "' has the wrong type or format.",
                    List.of(new Problem.Violation(field, "wrong type or format")));
        }
        if (cause instanceof UnsatisfiedRouteException unsatisfied) {
            String field = unsatisfied.getArgument().getName();
            return new Problem(Problem.type("validation"), "Invalid request", status.getCode(),
                    "Required value '" + field + "' is missing.",
                    List.of(new Problem.Violation(field, "is required")));
        }
        return switch (status) {
            case NOT_FOUND -> simple("not-found", "Not found", status, "No such resource.");
            case METHOD_NOT_ALLOWED -> simple("method-not-allowed", "Method not allowed", status,
                    "This resource does not support that HTTP method.");
            case REQUEST_ENTITY_TOO_LARGE -> simple("payload-too-large", "Request body too large", status,
                    "The request body is larger than this server accepts.");
            case UNSUPPORTED_MEDIA_TYPE -> simple("unsupported-media-type", "Unsupported media type", status,
                    "Send the request body as application/json.");
            case NOT_ACCEPTABLE -> simple("not-acceptable", "Not acceptable", status,
                    "This resource cannot produce the media type asked for.");
            case UNAUTHORIZED -> simple("unauthorized", "Unauthorized", status,
                    "Sign in to use this resource.");
            case FORBIDDEN -> simple("forbidden", "Forbidden", status,
                    "Your role may not use this resource.");
            case BAD_REQUEST -> simple("bad-request", "Bad request", status, firstMessage(errors,
                    "The request could not be understood."));
            default -> status.getCode() >= 500
                    ? simple("internal", "Internal error", status,
                            "Something went wrong on the server. Nothing from this request was stored.")
                    : simple("http-" + status.getCode(), status.getReason(), status, status.getReason());
        };
    }

    private static boolean isJsonError(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException
                    || t.getClass().getName().startsWith("io.micronaut.serde.exceptions")
                    || t.getClass().getName().startsWith("io.micronaut.json")) {
                return true;
            }
        }
        return false;
    }

    private static List<Problem.Violation> violations(ConstraintViolationException exception) {
        return exception.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v.getPropertyPath()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.Violation::field))
                .toList();
    }

    /**
     * Micronaut reports {@code method.parameter.property[0].sub}; the client knows the body's fields, or
     * the parameter's name when the constraint is on a parameter itself.
     */
    private static String fieldOf(Path path) {
        List<String> names = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> { }
                case PARAMETER -> parameter = node.getName();
                case CONTAINER_ELEMENT -> {
                    // "languages[0]", not "languages.<list element>[0]": the index belongs to the container.
                    String index = node.getIndex() != null ? "[" + node.getIndex() + "]"
                            : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                    if (names.isEmpty()) {
                        names.add((parameter == null ? "" : parameter) + index);
                    } else {
                        names.set(names.size() - 1, names.get(names.size() - 1) + index);
                    }
                }
                default -> {
                    String name = node.getName() == null ? "" : node.getName();
                    if (node.getIndex() != null) {
                        name = name + "[" + node.getIndex() + "]";
                    } else if (node.getKey() != null) {
                        name = name + "[" + node.getKey() + "]";
                    }
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        if (names.isEmpty()) {
            return parameter == null ? "" : parameter;
        }
        return String.join(".", names);
    }

    private static String firstMessage(List<Error> errors, String fallback) {
        return errors.isEmpty() ? fallback : errors.get(0).getMessage();
    }

    private static Problem simple(String slug, String title, HttpStatus status, String detail) {
        return new Problem(Problem.type(slug), title, status.getCode(), detail, List.of());
    }
}
