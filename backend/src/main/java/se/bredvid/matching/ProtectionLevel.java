package se.bredvid.matching;

import se.bredvid.platform.Published;

/**
 * How strongly a client's identity is protected (skyddade personuppgifter, seed 003:783-797), in order of
 * strictness: a sekretessmarkering in the population register, skyddad folkbokföring (which replaced
 * kvarskrivning), fingerade personuppgifter. Both the client's intake (matching) and an insats carry one; an
 * insats follows the stricter of the two. What each level hides is answered here, once (docs/insats.md "Who
 * sees what").
 */
@Published
public enum ProtectionLevel {
    NONE, SEKRETESSMARKERING, SKYDDAD_FOLKBOKFORING, FINGERADE_PERSONUPPGIFTER;

    /** The stricter of the two (null counts as NONE). */
    public ProtectionLevel stricter(ProtectionLevel other) {
        return other == null || other.ordinal() <= ordinal() ? this : other;
    }

    /**
     * The level a request asks for: {@code protectionLevel}, or for an older caller the boolean
     * {@code protectedIdentity} (true means skyddad folkbokföring); given both, the stricter.
     */
    public static ProtectionLevel of(ProtectionLevel level, Boolean legacyProtected) {
        ProtectionLevel legacy = Boolean.TRUE.equals(legacyProtected) ? SKYDDAD_FOLKBOKFORING : NONE;
        return legacy.stricter(level);
    }

    /** The old flag: any protection at all. */
    public boolean isProtected() {
        return this != NONE;
    }

    /** The kontaktperson's device names the municipality (which would place the person) only without protection. */
    public boolean municipalityVisibleToVolunteer() {
        return this == NONE;
    }

    /** The kontaktperson's device shows the uppdrag text (written by the municipality, it may hold details). */
    public boolean uppdragVisibleToVolunteer() {
        return ordinal() <= SEKRETESSMARKERING.ordinal();
    }

    /** The payroll CSV names the municipality's case reference; otherwise the insats id's first 8 characters. */
    public boolean caseReferenceInPayroll() {
        return ordinal() <= SEKRETESSMARKERING.ordinal();
    }

    /** The organisation (coordinator) sees the municipality's case reference. */
    public boolean caseReferenceVisibleToOrganisation() {
        return this != FINGERADE_PERSONUPPGIFTER;
    }
}
