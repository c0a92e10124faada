package se.bredvid.identity;

public enum StaffRole {
    ADMIN, COORDINATOR, HANDLAGGARE
}
