package se.bredvid.matching.engine;

import se.bredvid.platform.Published;

/**
 * The needs that recur for a person after protected housing (seed 000:48, 001:115-119); a volunteer
 * declares the same values as the areas they can support.
 */
@Published
public enum Need {
    /** Practical help with housing and everyday life (boendelots). */
    HOUSING,
    STUDIES_AND_WORK,
    BREAKING_ISOLATION,
    RIGHTS_AND_SOCIETY,
    AUTHORITY_CONTACTS,
    EMOTIONAL_SUPPORT
}
