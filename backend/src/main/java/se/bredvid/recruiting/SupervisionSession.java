package se.bredvid.recruiting;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A supervision (handledning) session: that it took place, and its form. */
@MappedEntity("supervision_session")
record SupervisionSession(@Id UUID id, UUID organisationId, Instant heldAt, Kind kind, int minutes, UUID createdBy,
                          Instant createdAt) {

    enum Kind { GROUP, INDIVIDUAL }
}
