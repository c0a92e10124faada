package se.bredvid.identity;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("organisation")
record Organisation(@Id UUID id, String name, Instant createdAt, boolean active) {
}
