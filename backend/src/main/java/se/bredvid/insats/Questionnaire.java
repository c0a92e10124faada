package se.bredvid.insats;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The client's short questionnaire at a follow-up: how the person experiences the insats and its relevance
 * to their needs (003:775). Question texts live in the app's translations under these keys; the server
 * knows only the keys and the allowed answers.
 */
public final class Questionnaire {

    public enum Support { YES, PARTLY, NO }

    public enum Continue { YES, NO, UNSURE }

    @Serdeable
    public record Question(String key, String type, List<String> options) {
    }

    public static final List<Question> QUESTIONS = List.of(
            new Question("contactWorks", "SCALE_1_5", List.of("1", "2", "3", "4", "5")),
            new Question("getsSupport", "CHOICE", List.of("YES", "PARTLY", "NO")),
            new Question("wantsToContinue", "CHOICE", List.of("YES", "NO", "UNSURE")),
            new Question("wishes", "TEXT", List.of()),
            new Question("shareWithMunicipality", "CONSENT", List.of("true", "false")));

    private Questionnaire() {
    }
}
