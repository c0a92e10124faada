package se.bredvid.recruiting;

import se.bredvid.platform.Redacted;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A volunteer row as stored: personal fields still sealed. Opened only by the services, per request. */
record Volunteer(UUID id, UUID organisationId, VolunteerState state, Instant stateSince,
                 byte[] nameSealed, byte[] emailSealed, byte[] phoneSealed,
                 List<String> languages, String region, String municipality, List<String> availability,
                 int hoursPerMonth, int maxClients, boolean digitalSupport,
                 byte[] availabilityNoteSealed, byte[] motivationSealed,
                 String consentVersion, Instant consentAt, Instant appliedAt) {

    static final String NAME = "volunteer.name";
    static final String EMAIL = "volunteer.email";
    static final String PHONE = "volunteer.phone";
    static final String AVAILABILITY_NOTE = "volunteer.availability_note";
    static final String MOTIVATION = "volunteer.motivation";
    static final String TRANSITION_REASON = "volunteer_transition.reason";

    @Override
    public String toString() {
        return Redacted.keeping(this, id, state);
    }
}
