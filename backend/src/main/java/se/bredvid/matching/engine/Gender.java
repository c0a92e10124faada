package se.bredvid.matching.engine;

/** A volunteer's gender, and the gender a client may wish for in a contact person. */
public enum Gender {
    WOMAN,
    MAN,
    NON_BINARY
}
