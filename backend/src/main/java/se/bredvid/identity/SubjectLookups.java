package se.bredvid.identity;

import jakarta.inject.Singleton;

import java.util.UUID;

/** The current claims of a staff member or device, read again at every refresh. */
@Singleton
final class SubjectLookups implements TokenService.SubjectLookup {

    private final StaffRepository staff;
    private final DeviceRepository devices;

    SubjectLookups(StaffRepository staff, DeviceRepository devices) {
        this.staff = staff;
        this.devices = devices;
    }

    @Override
    public TokenService.Subject current(String subjectKind, UUID subjectId) {
        if (TokenService.STAFF.equals(subjectKind)) {
            return staff.findById(subjectId)
                    .filter(a -> !a.disabled() && a.totpEnabled())
                    .map(StaffAuthService::subjectOf)
                    .orElse(null);
        }
        return devices.findById(subjectId)
                .filter(d -> d.revokedAt() == null)
                .map(DeviceService::subjectOf)
                .orElse(null);
    }
}
