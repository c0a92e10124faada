package se.bredvid.platform;

import io.micronaut.http.HttpStatus;

import java.util.List;

/**
 * A domain failure that the API reports as a problem document. Modules throw the specific subclasses
 * below (or this class with a slug of their own); one handler maps them all to problem+json.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> violations;

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public ProblemException(HttpStatus status, String slug, String title, String detail,
                            List<Problem.Violation> violations) {
        // No stack trace: these are expected outcomes, not bugs, and must stay cheap under abuse.
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    /** The problem's type, as the last part of its URN. */
    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public Problem toProblem() {
        return new Problem(Problem.type(slug), title, status.getCode(), getMessage(), violations);
    }

    /** The object does not exist, or the caller may not know that it exists (wrong tenant). */
    public static ProblemException notFound(String what) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " was not found.");
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, slug, "Bad request", detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                "The request has invalid fields.", List.of(new Problem.Violation(field, message)));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, slug, "Conflict", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /** The server cannot take the request now (overloaded or stopping); nothing was stored. */
    public static ProblemException unavailable(String detail) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", detail);
    }
}
