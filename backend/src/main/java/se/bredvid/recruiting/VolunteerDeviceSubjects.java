package se.bredvid.recruiting;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.identity.DeviceSubjects;
import se.bredvid.identity.SubjectKind;

import java.util.UUID;

/** A kontaktperson may pair a phone once approved, and until the role ends. */
@Singleton
class VolunteerDeviceSubjects implements DeviceSubjects {

    private final VolunteerStore volunteers;

    VolunteerDeviceSubjects(VolunteerStore volunteers) {
        this.volunteers = volunteers;
    }

    @Override
    public SubjectKind kind() {
        return SubjectKind.VOLUNTEER;
    }

    @Override
    @Transactional
    public boolean mayPair(UUID organisationId, UUID subjectId) {
        return volunteers.state(organisationId, subjectId).map(VolunteerState::isInRole).orElse(false);
    }
}
