package se.bredvid.matching;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import se.bredvid.identity.DeviceSubjects;
import se.bredvid.identity.SubjectKind;

import java.util.UUID;

/** A client of the organisation who is not closed may get a device pairing code. */
@Singleton
final class ClientDeviceSubjects implements DeviceSubjects {

    // A provider: identity's DeviceService needs this bean, and matching (through recruiting) needs identity.
    private final Provider<MatchingService> matching;

    ClientDeviceSubjects(Provider<MatchingService> matching) {
        this.matching = matching;
    }

    @Override
    public SubjectKind kind() {
        return SubjectKind.CLIENT;
    }

    @Override
    public boolean mayPair(UUID organisationId, UUID subjectId) {
        return matching.get().clientMayPair(organisationId, subjectId);
    }
}
