package se.bredvid.demo;

import java.util.UUID;

/**
 * A module's contribution to the demo data, run once after the demo tenants and staff exist. Only in the
 * {@code demo} environment; a module seeds through its own services, never another module's tables.
 */
public interface DemoSeed {

    record Tenants(UUID organisationId, UUID municipalityId, UUID coordinatorId, UUID handlaggareId) {
    }

    void seed(Tenants tenants);
}
