package se.bredvid.notifications;

import java.util.UUID;

/**
 * Open items for staff to handle, as other modules record them. An item says only what kind of thing
 * waits and which object to open; it carries no personal data, so neither the in-app list nor the e-mail
 * digest ({@code bredvid.mail.*}) can leak any.
 */
public interface StaffNotifications {

    /** Who sees an item: every coordinator of an organisation, or every handläggare of a municipality. */
    enum Audience { ORGANISATION, MUNICIPALITY }

    /**
     * Records an open item for the audience. Must run inside the caller's read-write transaction
     * (propagation MANDATORY) so it commits or rolls back with the change it is about. kind is an
     * UPPER_SNAKE slug such as "INSATS_PROPOSED"; objectType/objectId say what to open (e.g. "INSATS", id).
     * Never personal data. Idempotent: an identical open item (audience, tenant, kind, objectId) is not
     * duplicated.
     */
    void notify(Audience audience, UUID tenantId, String kind, String objectType, UUID objectId);

    /**
     * Marks the open items of that kind about that object as handled (e.g. the proposal was decided).
     * MANDATORY transaction too.
     */
    void resolve(Audience audience, UUID tenantId, String kind, UUID objectId);
}
