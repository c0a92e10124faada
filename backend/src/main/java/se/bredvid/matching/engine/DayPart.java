package se.bredvid.matching.engine;

/** Part of a day in which someone can meet; evenings matter (seed 001:609). */
public enum DayPart {
    MORNING,
    AFTERNOON,
    EVENING
}
