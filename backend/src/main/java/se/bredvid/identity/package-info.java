/**
 * Identity: organisations, municipalities, staff accounts with TOTP, sessions and tokens, devices and their pairing.
 */
@Module(tables = {"auth_session", "device", "device_challenge", "pairing_code", "refresh_token", "staff_account", "organisation", "municipality", "tenant_link"})
package se.bredvid.identity;

import se.bredvid.platform.Module;
