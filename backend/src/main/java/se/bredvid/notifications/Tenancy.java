package se.bredvid.notifications;

import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.platform.ProblemException;

import java.util.UUID;

/** The audience and tenant whose items a signed-in staff member sees, taken from the token only. */
record Tenancy(Audience audience, UUID tenantId) {

    static Tenancy of(Caller caller) {
        if (caller.kind() == Caller.Kind.STAFF && caller.is(Roles.COORDINATOR)) {
            return new Tenancy(Audience.ORGANISATION, caller.requireOrganisation());
        }
        if (caller.kind() == Caller.Kind.STAFF && caller.is(Roles.HANDLAGGARE)) {
            return new Tenancy(Audience.MUNICIPALITY, caller.requireMunicipality());
        }
        throw ProblemException.forbidden("Notifications are for coordinators and handläggare.");
    }

    UUID organisationId() {
        return audience == Audience.ORGANISATION ? tenantId : null;
    }

    UUID municipalityId() {
        return audience == Audience.MUNICIPALITY ? tenantId : null;
    }
}
