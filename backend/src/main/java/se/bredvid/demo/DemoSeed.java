package se.bredvid.demo;

import se.bredvid.platform.Published;

import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.util.List;
import java.util.UUID;

/**
 * A module's contribution to the demo data, run once after the demo tenants and staff exist, in the order
 * of {@link #order()} (volunteers before the pair that needs an approved one). Only in the {@code demo}
 * environment; a module seeds through its own services, never another module's tables.
 */
@Published
public interface DemoSeed {

    /**
     * The demo tenants and staff. {@code shownOnce} collects lines printed once at the first start beside the
     * staff passwords (the demo pair's pairing codes); nothing else of a seed is ever logged.
     */
    record Tenants(UUID organisationId, UUID municipalityId, UUID coordinatorId, UUID handlaggareId,
                   List<String> shownOnce) {

        /** The demo coordinator, as the desk would call the services: the demo's history reads as her work. */
        public Caller coordinator() {
            return new Caller(Caller.Kind.STAFF, coordinatorId, Roles.COORDINATOR, organisationId, null, null, null);
        }
    }

    void seed(Tenants tenants);

    /** Lower runs first. */
    default int order() {
        return 0;
    }
}
