package se.bredvid.identity;

import se.bredvid.platform.Published;

import java.util.UUID;

/**
 * What other modules may ask about a staff account, without reading identity's tables: today only
 * whether it is still in use (notifications sends no e-mail to a disabled account).
 */
@Published
public interface StaffDirectory {

    /** True when the account exists and is not disabled. */
    boolean isActive(UUID staffId);
}
