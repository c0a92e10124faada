package se.bredvid.matching.engine;

/** Whether the client wants a contact person who shares one of the client's communities. */
public enum SharedBackground {
    /** A soft wish: a shared background scores points (seed 001:649). */
    WANTED,
    /**
     * A hard rule: a compatriot (landsman) may be influenced by the family's views (seed 001:557), so
     * the engine never proposes one when the client says no.
     */
    NOT_WANTED,
    NO_PREFERENCE
}
