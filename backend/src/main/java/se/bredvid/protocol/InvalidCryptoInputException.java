package se.bredvid.protocol;

import io.micronaut.http.HttpStatus;
import se.bredvid.platform.Problem;
import se.bredvid.platform.ProblemException;

import java.util.List;

/**
 * Key material, a signature or an encoding that does not meet the protocol (docs/protocol.md). It is a
 * {@link ProblemException}, so a controller that lets it escape answers 400 problem+json naming the
 * field. The message never contains the offending value: it may be a key or a token.
 */
public final class InvalidCryptoInputException extends ProblemException {

    private final String field;

    public InvalidCryptoInputException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, "validation", "Invalid request", "The request has invalid fields.",
                List.of(new Problem.Violation(field, message)));
        this.field = field;
    }

    public String field() {
        return field;
    }
}
