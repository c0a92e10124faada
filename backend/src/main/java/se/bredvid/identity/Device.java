package se.bredvid.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("device")
record Device(@Id UUID id, UUID organisationId, SubjectKind subjectKind, UUID subjectId, byte[] identityKey,
              @Nullable String label, Instant createdAt, @Nullable Instant lastSeenAt, @Nullable Instant revokedAt) {
}
