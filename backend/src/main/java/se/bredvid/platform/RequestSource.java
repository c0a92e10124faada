package se.bredvid.platform;

/**
 * Where a request came from, as an opaque key that is only ever held in memory: a keyed hash of the
 * client's address (of its /64 network for IPv6) under a key that lives and dies with this process. It lets
 * a rate limit or a back-off tell one sender from another without Bredvid keeping, storing or logging an
 * address (threat model 4: an IP address can reveal a place). See {@link RequestSources}.
 */
public record RequestSource(String key) {

    @Override
    public String toString() {
        return Redacted.of(this);
    }
}
