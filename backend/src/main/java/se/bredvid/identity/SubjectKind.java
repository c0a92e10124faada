package se.bredvid.identity;

import se.bredvid.platform.Published;

import se.bredvid.platform.Roles;

/** Who holds a device: a client (stödsökande) or a volunteer (kontaktperson). */
@Published
public enum SubjectKind {
    CLIENT, VOLUNTEER;

    String role() {
        return this == CLIENT ? Roles.CLIENT_DEVICE : Roles.VOLUNTEER_DEVICE;
    }
}
