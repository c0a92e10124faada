package se.bredvid.identity;

import se.bredvid.platform.Redacted;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

@MappedEntity("staff_account")
record StaffAccount(@Id UUID id, String username, String displayName, StaffRole role,
                    @Nullable UUID organisationId, @Nullable UUID municipalityId, String passwordHash,
                    @Nullable byte[] totpSecret, boolean totpEnabled, long totpLastStep, boolean disabled,
                    Instant createdAt) {

    @Override
    public String toString() {
        return Redacted.keeping(this, id, role);
    }
}
