package se.bredvid.platform;

/**
 * The roles a token can carry. Every controller method states who may call it with
 * {@code @Secured({Roles.X, ...})}; Micronaut's one annotation rule checks it, and a route without a
 * rule is denied (default deny). The authorization matrix test lists the expected cells independently.
 */
public final class Roles {
    public static final String ADMIN = "ADMIN";
    public static final String COORDINATOR = "COORDINATOR";
    public static final String HANDLAGGARE = "HANDLAGGARE";
    public static final String CLIENT_DEVICE = "CLIENT_DEVICE";
    public static final String VOLUNTEER_DEVICE = "VOLUNTEER_DEVICE";

    private Roles() {
    }
}
