package se.bredvid.recruiting;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** That a register extract was seen; never the extract itself. */
@MappedEntity("background_check")
record BackgroundCheck(@Id UUID id, UUID volunteerId, UUID organisationId, Kind kind, LocalDate issuedOn,
                       LocalDate seenOn, UUID seenBy, Instant recordedAt) {

    /** The kinds of extract (utdrag ur belastningsregistret) an organisation asks for. */
    enum Kind {
        /** Arbete med barn (lag 2013:852): the usual one for contact persons of young clients. */
        WORK_WITH_CHILDREN,
        /** Arbete på HVB eller LSS-boende. */
        CARE_HOMES,
        /** The complete extract a person orders about themselves. */
        GENERAL
    }
}
