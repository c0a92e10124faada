package se.bredvid.recruiting;

import se.bredvid.platform.Redacted;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A volunteer in clear. Read from {@link VolunteerStore}, its personal fields are opened by the store when first
 * asked for (a list that needs no name opens none); built with the public constructor, it is an application the
 * store seals on {@link VolunteerStore#insert}.
 */
final class Volunteer {

    static final String NAME = "volunteer.name";
    static final String EMAIL = "volunteer.email";
    static final String PHONE = "volunteer.phone";
    static final String AVAILABILITY_NOTE = "volunteer.availability_note";
    static final String MOTIVATION = "volunteer.motivation";
    static final String TRANSITION_REASON = "volunteer_transition.reason";

    private final UUID id;
    private final UUID organisationId;
    private final VolunteerState state;
    private final Instant stateSince;
    private final Supplier<String> name;
    private final Supplier<String> email;
    private final Supplier<String> phone;
    private final List<String> languages;
    private final String region;
    private final String municipality;
    private final List<String> availability;
    private final int hoursPerMonth;
    private final int maxClients;
    private final boolean digitalSupport;
    private final Supplier<String> availabilityNote;
    private final Supplier<String> motivation;
    private final String consentVersion;
    private final Instant consentAt;
    private final Instant appliedAt;

    /** A volunteer with its personal fields in clear (a new application). */
    Volunteer(UUID id, UUID organisationId, VolunteerState state, Instant stateSince,
              String name, String email, String phone,
              List<String> languages, String region, String municipality, List<String> availability,
              int hoursPerMonth, int maxClients, boolean digitalSupport,
              String availabilityNote, String motivation,
              String consentVersion, Instant consentAt, Instant appliedAt) {
        this(id, organisationId, state, stateSince, () -> name, () -> email, () -> phone, languages, region,
                municipality, availability, hoursPerMonth, maxClients, digitalSupport, () -> availabilityNote,
                () -> motivation, consentVersion, consentAt, appliedAt);
    }

    /** A volunteer as read: each personal field opened by the store on demand. */
    Volunteer(UUID id, UUID organisationId, VolunteerState state, Instant stateSince,
              Supplier<String> name, Supplier<String> email, Supplier<String> phone,
              List<String> languages, String region, String municipality, List<String> availability,
              int hoursPerMonth, int maxClients, boolean digitalSupport,
              Supplier<String> availabilityNote, Supplier<String> motivation,
              String consentVersion, Instant consentAt, Instant appliedAt) {
        this.id = id;
        this.organisationId = organisationId;
        this.state = state;
        this.stateSince = stateSince;
        this.name = name;
        this.email = email;
        this.phone = phone;
        this.languages = languages;
        this.region = region;
        this.municipality = municipality;
        this.availability = availability;
        this.hoursPerMonth = hoursPerMonth;
        this.maxClients = maxClients;
        this.digitalSupport = digitalSupport;
        this.availabilityNote = availabilityNote;
        this.motivation = motivation;
        this.consentVersion = consentVersion;
        this.consentAt = consentAt;
        this.appliedAt = appliedAt;
    }

    UUID id() {
        return id;
    }

    UUID organisationId() {
        return organisationId;
    }

    VolunteerState state() {
        return state;
    }

    Instant stateSince() {
        return stateSince;
    }

    String name() {
        return name.get();
    }

    String email() {
        return email.get();
    }

    String phone() {
        return phone.get();
    }

    List<String> languages() {
        return languages;
    }

    String region() {
        return region;
    }

    String municipality() {
        return municipality;
    }

    List<String> availability() {
        return availability;
    }

    int hoursPerMonth() {
        return hoursPerMonth;
    }

    int maxClients() {
        return maxClients;
    }

    boolean digitalSupport() {
        return digitalSupport;
    }

    String availabilityNote() {
        return availabilityNote.get();
    }

    String motivation() {
        return motivation.get();
    }

    String consentVersion() {
        return consentVersion;
    }

    Instant consentAt() {
        return consentAt;
    }

    Instant appliedAt() {
        return appliedAt;
    }

    @Override
    public String toString() {
        return Redacted.keeping(this, id, state);
    }
}
