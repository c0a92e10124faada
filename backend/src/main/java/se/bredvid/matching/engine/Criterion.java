package se.bredvid.matching.engine;

/** The soft criteria that make up a score, in the order an explanation lists them. */
public enum Criterion {
    PREFERRED_LANGUAGE,
    COMMON_LANGUAGE,
    GENDER,
    AGE,
    SHARED_BACKGROUND,
    INTERESTS,
    NEEDS,
    MEETING_MODE,
    AVAILABILITY
}
