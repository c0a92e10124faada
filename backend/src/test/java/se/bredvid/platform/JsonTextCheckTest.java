package se.bredvid.platform;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTextCheckTest {

    private static Optional<Problem.Violation> check(String json) {
        return JsonTextCheck.firstViolation(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void ordinaryDocumentsPass() {
        assertTrue(check("{\"name\":\"Jour Syd\",\"languages\":[\"sv\",\"ar\"],\"n\":null,\"x\":{\"y\":[1,{\"z\":null}]}}").isEmpty());
    }

    @Test
    void aPairedSurrogateIsAnOrdinaryCharacter() {
        assertTrue(check("{\"name\":\"\\ud83d\\ude00 and \uD83D\uDE00\"}").isEmpty());
    }

    @Test
    void aNulCharacterIsNamedByItsField() {
        assertEquals(Optional.of(new Problem.Violation("name", JsonTextCheck.NUL)), check("{\"name\":\"a\\u0000b\"}"));
    }

    @Test
    void aLoneSurrogateIsNamedByItsField() {
        assertEquals(Optional.of(new Problem.Violation("contact.name", JsonTextCheck.SURROGATE)),
                check("{\"contact\":{\"name\":\"a\\ud800\"}}"));
        assertEquals(Optional.of(new Problem.Violation("tags[1]", JsonTextCheck.SURROGATE)),
                check("{\"tags\":[\"ok\",\"\\udc00b\"]}"));
    }

    @Test
    void aNulCharacterInAFieldNameIsNotEchoed() {
        assertEquals(Optional.of(new Problem.Violation("a.?", JsonTextCheck.NUL)), check("{\"a\":{\"b\\u0000\":1}}"));
    }

    @Test
    void aNullArrayElementIsNamedWithItsIndex() {
        assertEquals(Optional.of(new Problem.Violation("languages[1]", JsonTextCheck.NULL_ELEMENT)),
                check("{\"languages\":[\"sv\",null]}"));
        assertEquals(Optional.of(new Problem.Violation("plan.goals[0].steps[2]", JsonTextCheck.NULL_ELEMENT)),
                check("{\"plan\":{\"goals\":[{\"steps\":[\"a\",\"b\",null]}]}}"));
        assertEquals(Optional.of(new Problem.Violation("[0]", JsonTextCheck.NULL_ELEMENT)), check("[null]"));
    }

    @Test
    void aNulCharacterAtTheTopLevelNamesTheBody() {
        assertEquals(Optional.of(new Problem.Violation("body", JsonTextCheck.NUL)), check("\"\\u0000\""));
    }

    @Test
    void malformedJsonIsLeftToTheBodyBinder() {
        assertTrue(check("{\"name\": ").isEmpty());
        assertTrue(check("not json").isEmpty());
    }
}
