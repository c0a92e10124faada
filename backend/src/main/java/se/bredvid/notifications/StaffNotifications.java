package se.bredvid.notifications;

import se.bredvid.platform.Published;

import java.util.UUID;

/**
 * Open items for staff to handle, as other modules record them. An item says only what kind of thing
 * waits and which object to open; it carries no personal data, so neither the in-app list nor the e-mail
 * digest ({@code bredvid.mail.*}) can leak any.
 */
@Published
public interface StaffNotifications {

    /** Who sees an item: every coordinator of an organisation, or every handläggare of a municipality. */
    enum Audience { ORGANISATION, MUNICIPALITY }

    /**
     * How soon a person must act. {@code URGENT} (a client's "I need help now") is e-mailed to the tenant's
     * addresses at once, not at the next digest, is listed first and shown live on the desk.
     */
    enum Urgency { NORMAL, URGENT }

    /**
     * Records an open item for the audience. Must run inside the caller's read-write transaction
     * (propagation MANDATORY) so it commits or rolls back with the change it is about. kind is an
     * UPPER_SNAKE slug such as "INSATS_PROPOSED"; objectType/objectId say what to open (e.g. "INSATS", id).
     * Never personal data. Idempotent: an identical open item (audience, tenant, kind, objectId) is not
     * duplicated.
     */
    default void notify(Audience audience, UUID tenantId, String kind, String objectType, UUID objectId) {
        notify(audience, tenantId, kind, objectType, objectId, Urgency.NORMAL);
    }

    /** As above, with an urgency. */
    void notify(Audience audience, UUID tenantId, String kind, String objectType, UUID objectId, Urgency urgency);

    /**
     * Nobody acted in time: marks the open item overdue (the desk shows it so) and, for an urgent one,
     * e-mails the tenant's addresses again at once. Once per item; MANDATORY transaction.
     */
    void escalate(Audience audience, UUID tenantId, String kind, UUID objectId);

    /**
     * Marks the open items of that kind about that object as handled (e.g. the proposal was decided).
     * MANDATORY transaction too.
     */
    void resolve(Audience audience, UUID tenantId, String kind, UUID objectId);
}
