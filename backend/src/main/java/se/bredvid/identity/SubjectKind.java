package se.bredvid.identity;

/** Who holds a device: a client (stödsökande) or a volunteer (kontaktperson). */
public enum SubjectKind {
    CLIENT, VOLUNTEER;

    String role() {
        return this == CLIENT ? Roles.CLIENT_DEVICE : Roles.VOLUNTEER_DEVICE;
    }
}
