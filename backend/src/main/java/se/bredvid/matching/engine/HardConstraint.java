package se.bredvid.matching.engine;

/**
 * The rules no proposal may break, each with the sentence a coordinator sees when a pair conflicts.
 * The engine evaluates them in one place ({@code Rules.violations}).
 */
public enum HardConstraint {
    NOT_APPROVED("The volunteer is not approved by the organisation."),
    NOT_TRAINED("The volunteer has not completed the training."),
    NO_FREE_CAPACITY("The volunteer has no free capacity."),
    EXCLUDED_VOLUNTEER("The client has excluded this volunteer by name."),
    EXCLUDED_COMMUNITY("The volunteer belongs to a community the client has excluded."),
    EXCLUDED_PLACE("The volunteer lives in a place the client has excluded."),
    EXCLUDED_LANGUAGE("The volunteer speaks a language the client has excluded."),
    ENDED_FOR_CAUSE("An earlier contact between this client and volunteer was ended for cause."),
    CANNOT_MEET_IN_PERSON("The client wants to meet in person and the volunteer cannot reach the client's region."),
    NOT_WILLING_DIGITAL("The client wants digital support and the volunteer does not give it."),
    NO_COMMON_MEETING_MODE("The volunteer can neither reach the client's region nor give digital support."),
    REQUIRED_LANGUAGE_MISSING("The volunteer does not speak every language the client requires."),
    SHARED_BACKGROUND_NOT_WANTED("The volunteer shares a community with the client, who does not want that."),
    REQUIRED_GENDER_MISMATCH("The volunteer is not of the gender the client requires."),
    REQUIRED_AGE_MISMATCH("The volunteer's age is outside the range the client requires.");

    private final String reason;

    HardConstraint(String reason) {
        this.reason = reason;
    }

    /** A sentence for the coordinator; contains no personal data. */
    public String reason() {
        return reason;
    }

    int bit() {
        return 1 << ordinal();
    }
}
