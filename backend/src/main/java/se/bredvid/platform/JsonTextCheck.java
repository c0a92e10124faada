package se.bredvid.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Finds, in a JSON document, the values no request of this API may carry, whatever the endpoint:
 * <ul>
 *   <li>a NUL character (U+0000) in a string or field name: PostgreSQL cannot store it in text, so it
 *       would fail deep in a transaction (a 500) instead of at the door;</li>
 *   <li>an unpaired UTF-16 surrogate ({@code "\ud800"}): it has no UTF-8 form and would be stored as
 *       {@code ?}, silently changing what the user sent;</li>
 *   <li>{@code null} as an element of an array: no list in this API has optional elements, and a null
 *       element would reach the services as a null in a collection.</li>
 * </ul>
 * A document that is not well-formed JSON is not judged here: the body binder reports it as usual.
 */
final class JsonTextCheck {

    static final String NUL = "must not contain a NUL character (U+0000)";
    static final String SURROGATE = "must not contain an unpaired surrogate (invalid Unicode)";
    static final String NULL_ELEMENT = "must not be null";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonTextCheck() {
    }

    /** The first offending value with its field path ({@code languages[0]}, {@code plan.goals[2].text}), if any. */
    static Optional<Problem.Violation> firstViolation(byte[] document) {
        try (JsonParser parser = JSON.createParser(document)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case FIELD_NAME, VALUE_STRING -> {
                        String problem = problemIn(parser.getText());
                        if (problem != null) {
                            return Optional.of(new Problem.Violation(path(parser.getParsingContext()), problem));
                        }
                    }
                    case VALUE_NULL -> {
                        if (parser.getParsingContext().inArray()) {
                            return Optional.of(new Problem.Violation(path(parser.getParsingContext()), NULL_ELEMENT));
                        }
                    }
                    default -> { }
                }
            }
            return Optional.empty();
        } catch (IOException notWellFormed) {
            return Optional.empty();
        }
    }

    static String problemIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return NUL;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return SURROGATE;
                }
            } else if (Character.isLowSurrogate(c)) {
                return SURROGATE;
            }
        }
        return null;
    }

    /** The field path in the style of the validation problems: {@code a.b[0].c}; the body itself is {@code body}. */
    private static String path(JsonStreamContext context) {
        Deque<JsonStreamContext> fromRoot = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            fromRoot.push(c);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c : fromRoot) {
            if (c.inArray()) {
                path.append('[').append(Math.max(c.getCurrentIndex(), 0)).append(']');
            } else if (c.getCurrentName() != null) {
                // A field name that is itself the offence is not echoed back.
                String name = problemIn(c.getCurrentName()) == null ? c.getCurrentName() : "?";
                path.append(path.length() == 0 ? "" : ".").append(name);
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }
}
