package se.bredvid.identity;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("municipality")
record Municipality(@Id UUID id, String name, Instant createdAt, boolean active) {
}
