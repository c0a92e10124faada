package se.bredvid.identity;

import se.bredvid.platform.Published;

import java.util.UUID;

/**
 * Implemented by the modules that own clients (matching) and volunteers (recruiting), so that a pairing
 * code can only be issued for a subject of the coordinator's own organisation.
 */
@Published
public interface DeviceSubjects {

    SubjectKind kind();

    /** Whether the subject exists in the organisation and may have a device. */
    boolean mayPair(UUID organisationId, UUID subjectId);
}
