package se.bredvid.demo;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.StaffRole;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Demo data for a first look around: one organisation, one municipality, an admin, a coordinator and a
 * handläggare (and, through {@link DemoSeed} beans of the other modules, volunteers and clients under
 * pseudonyms). Only with {@code bredvid.demo.enabled=true} (the {@code demo} environment of
 * infra/run-local.sh), never in production. Runs once per database; the generated passwords are printed
 * once, at that first start, and stored only as Argon2id hashes. TOTP is enrolled at first sign-in.
 */
@Singleton
@Requires(property = "bredvid.demo.enabled", value = "true")
final class DemoData {

    static final String ORGANISATION = "Tjejjouren Exempelstad (demo)";
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    private final AdminService admin;
    private final List<DemoSeed> seeds;
    private final SecureRandom random;

    DemoData(AdminService admin, List<DemoSeed> seeds, SecureRandom random) {
        this.admin = admin;
        this.seeds = seeds;
        this.random = random;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (admin.organisations().stream().anyMatch(o -> o.name().equals(ORGANISATION))) {
            LOG.info("Demo data already present; its passwords were shown at the first start");
            return;
        }
        AuditLog.Actor system = AuditLog.Actor.system();
        UUID org = admin.createOrganisation(system, ORGANISATION).id();
        UUID mun = admin.createMunicipality(system, "Exempelkommun (demo)").id();
        admin.link(system, mun, org);
        List<String> lines = new ArrayList<>();
        admin.createStaff(system, "admin", "Demo Admin", StaffRole.ADMIN, null, null, password(lines, "admin"));
        UUID coordinator = admin.createStaff(system, "samordnare", "Demo Samordnare", StaffRole.COORDINATOR, org, null,
                password(lines, "samordnare")).id();
        UUID handlaggare = admin.createStaff(system, "handlaggare", "Demo Handläggare", StaffRole.HANDLAGGARE, null, mun,
                password(lines, "handlaggare")).id();
        DemoSeed.Tenants tenants = new DemoSeed.Tenants(org, mun, coordinator, handlaggare, new ArrayList<>());
        seeds.stream().sorted(Comparator.comparingInt(DemoSeed::order)).forEach(s -> s.seed(tenants));
        // Demo mode only, printed once: these accounts and codes belong to demo data, never real people's.
        LOG.warn("DEMO accounts (shown once; sign in at /desk/, enrol TOTP from the QR code at first sign-in):\n  {}{}",
                String.join("\n  ", lines), tenants.shownOnce().isEmpty() ? ""
                        : "\n" + String.join("\n", tenants.shownOnce()));
    }

    private String password(List<String> lines, String username) {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        lines.add(username + " / " + sb);
        return sb.toString();
    }
}
