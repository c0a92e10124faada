package se.bredvid.identity;

import jakarta.inject.Singleton;

import java.util.UUID;

@Singleton
class StaffAccountDirectory implements StaffDirectory {

    private final StaffRepository staff;

    StaffAccountDirectory(StaffRepository staff) {
        this.staff = staff;
    }

    @Override
    public boolean isActive(UUID staffId) {
        return staffId != null && staff.findById(staffId).map(a -> !a.disabled()).orElse(false);
    }
}
