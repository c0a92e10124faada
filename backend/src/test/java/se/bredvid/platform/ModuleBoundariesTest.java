package se.bredvid.platform;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A module reaches another only through its published types (ARCHITECTURE "one deployable, modular inside";
 * STYLE: boundaries checked by a test). Everything else of a module — repositories, stores, tables' row
 * types, controllers — is its own. {@code platform} is shared by all; {@code checkins} is built on
 * {@code messaging}'s delivery and may use it whole.
 */
class ModuleBoundariesTest {

    private static final String ROOT = "se.bredvid.";

    /** Per module, the types (and their nested types) other modules may use. */
    private static final Map<String, Set<String>> PUBLISHED = Map.of(
            "audit", Set.of("audit.AuditLog"),
            "identity", Set.of("identity.Caller", "identity.Roles", "identity.SubjectKind", "identity.StaffRole",
                    "identity.AdminService", "identity.DeviceSubjects", "identity.DeviceService", "identity.StaffDirectory"),
            "recruiting", Set.of("recruiting.VolunteerDirectory", "recruiting.VolunteerLoad", "recruiting.VolunteerState",
                    "recruiting.AvailabilitySlot"),
            "matching", Set.of("matching.Assignments", "matching.AssignmentEvent", "matching.engine.Need"),
            "messaging", Set.of("messaging.crypto.ChallengeVerifier", "messaging.crypto.WireEnvelope",
                    "messaging.conversations.ConversationDirectory", "messaging.conversations.ConversationClosed",
                    "messaging.conversations.ConversationActivity",
                    "messaging.push.PushSubscriptions", "messaging.push.WebPushSender", "messaging.envelopes.EnvelopeService"),
            "notifications", Set.of("notifications.StaffNotifications"),
            "demo", Set.of("demo.DemoSeed"),
            "insats", Set.of(),
            "checkins", Set.of("checkins.CheckinActivity"));

    private static String module(JavaClass c) {
        String name = c.getName();
        if (!name.startsWith(ROOT)) {
            return null;
        }
        String rest = name.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? null : rest.substring(0, dot);
    }

    private static boolean published(String module, JavaClass target) {
        String name = target.getName().substring(ROOT.length());
        return PUBLISHED.getOrDefault(module, Set.of()).stream()
                .anyMatch(p -> name.equals(p) || name.startsWith(p + "$"));
    }

    @Test
    void modulesReachEachOtherOnlyThroughPublishedTypes() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.bredvid");
        assertFalse(classes.isEmpty());
        Set<String> violations = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = module(c);
            if (from == null || from.equals("platform")) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                String to = module(target);
                if (to == null || to.equals(from) || to.equals("platform")) {
                    continue;
                }
                if (from.equals("checkins") && to.equals("messaging")) {
                    continue;
                }
                // Micronaut's generated bean definitions ($Definition, $Intercepted, ...) live beside the class.
                if (c.getSimpleName().startsWith("$") || c.getName().contains("$Definition")) {
                    continue;
                }
                if (!published(to, target)) {
                    violations.add(c.getName() + " -> " + target.getName());
                }
            }
        }
        assertTrue(violations.isEmpty(), "reaches into another module:\n" + String.join("\n", violations));
    }

    @Test
    void platformDependsOnNoFeatureModule() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("se.bredvid.platform");
        Set<String> violations = new TreeSet<>();
        for (JavaClass c : classes) {
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = module(d.getTargetClass());
                if (to != null && !to.equals("platform")) {
                    violations.add(c.getName() + " -> " + d.getTargetClass().getName());
                }
            }
        }
        assertTrue(violations.isEmpty(), "platform must stay below the modules:\n" + String.join("\n", violations));
    }
}
