package se.bredvid.matching.engine;

/** How one criterion turned out for a pair. */
public enum Outcome {
    MATCHED,
    PARTLY_MATCHED,
    NOT_MATCHED,
    /**
     * The client stated no wish, so any volunteer meets it and gets the full points. Awarding zero instead
     * would make the batch optimiser favour clients with many wishes over clients with few.
     */
    NO_PREFERENCE
}
