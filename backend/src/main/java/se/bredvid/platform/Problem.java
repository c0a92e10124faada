package se.bredvid.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem document: the one error model of the whole API.
 *
 * @param type       a stable URI naming the kind of problem ({@code urn:bredvid:problem:<slug>})
 * @param title      a short human summary of the kind of problem
 * @param status     the HTTP status code
 * @param detail     what went wrong with this request, in words a developer can act on
 * @param violations per-field violations, for validation problems
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:bredvid:problem:";

    public static String type(String slug) {
        return TYPE_PREFIX + slug;
    }

    /** One field that failed validation. {@code field} is a JSON-pointer-like path, e.g. {@code languages[0]}. */
    @Serdeable
    public record Violation(String field, String message) {
    }
}
