package se.bredvid.identity;

import se.bredvid.platform.Published;

import java.util.Set;
import java.util.UUID;

/**
 * These devices were revoked (lost, wiped, or their person's devices all revoked). Published on the instance
 * that revoked them at once, and on every other instance when its revoked-session poll first sees their
 * sessions (1 s by default): the same bound as a revoked access token. Carries ids only.
 */
@Published
public record DevicesRevoked(Set<UUID> deviceIds) {
}
