package se.bredvid.matching.engine;

/**
 * The client's age as a band, never a birth date: a pseudonymous client profile must not carry data
 * that helps identify the person. The target group is mostly 13-25 (DOMAIN "The problem").
 */
public enum AgeBand {
    AGE_13_17,
    AGE_18_25,
    AGE_26_35,
    AGE_36_50,
    AGE_51_PLUS
}
