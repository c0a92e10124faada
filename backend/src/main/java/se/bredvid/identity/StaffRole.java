package se.bredvid.identity;

import se.bredvid.platform.Published;

@Published
public enum StaffRole {
    ADMIN, COORDINATOR, HANDLAGGARE
}
