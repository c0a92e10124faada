package se.bredvid.recruiting;

import se.bredvid.platform.Published;

import java.util.Map;
import java.util.UUID;

/**
 * How many clients each volunteer has now. Implemented by the module that owns assignments (matching), so
 * that the overview can count free client slots without reading that module's tables. Without an
 * implementation every volunteer counts as having none.
 */
@Published
public interface VolunteerLoad {

    /** Active clients per volunteer of the organisation; volunteers without any may be left out. */
    Map<UUID, Integer> activeClients(UUID organisationId);
}
