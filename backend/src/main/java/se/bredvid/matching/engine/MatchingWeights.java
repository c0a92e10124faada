package se.bredvid.matching.engine;

/**
 * Points per soft criterion. Integers on purpose: the batch optimiser adds and compares sums of scores,
 * and integer arithmetic makes its optimality certificate exact.
 *
 * @param preferredLanguage  the volunteer speaks the client's preferred language
 * @param commonLanguage     the volunteer speaks at least one of the client's languages
 * @param gender             the volunteer has the gender the client wishes
 * @param age                the volunteer's age is in the client's wished range
 * @param sharedBackground   the client's wish about a shared community is met
 * @param perSharedInterest  points per shared interest ...
 * @param maxSharedInterests ... counted up to this many
 * @param needs              all of the client's needs are in the volunteer's support areas (pro rata)
 * @param meetingMode        the client's meeting mode is fully possible (half for one of two with BOTH)
 * @param availability       the client and the volunteer share at least one weekly slot
 */
public record MatchingWeights(
        int preferredLanguage,
        int commonLanguage,
        int gender,
        int age,
        int sharedBackground,
        int perSharedInterest,
        int maxSharedInterests,
        int needs,
        int meetingMode,
        int availability) {

    /** Beyond this the batch optimiser's integer arithmetic could overflow. */
    static final int MAX_SCORE_LIMIT = 1_000_000;

    public static final MatchingWeights DEFAULTS = new MatchingWeights(30, 20, 20, 10, 20, 5, 3, 20, 10, 15);

    public MatchingWeights {
        int[] all = {preferredLanguage, commonLanguage, gender, age, sharedBackground, perSharedInterest,
                maxSharedInterests, needs, meetingMode, availability};
        long sum = 0;
        for (int weight : all) {
            if (weight < 0) {
                throw new IllegalArgumentException("weights must not be negative");
            }
            sum += weight;
        }
        long max = sum - perSharedInterest - maxSharedInterests + (long) perSharedInterest * maxSharedInterests;
        if (max > MAX_SCORE_LIMIT) {
            throw new IllegalArgumentException("weights add up to more than " + MAX_SCORE_LIMIT);
        }
    }

    public int interests() {
        return perSharedInterest * maxSharedInterests;
    }

    /** The highest score any pair can get. */
    public int maxScore() {
        return preferredLanguage + commonLanguage + gender + age + sharedBackground + interests() + needs
                + meetingMode + availability;
    }
}
