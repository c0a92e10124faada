package se.bredvid.testing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import se.bredvid.identity.DeviceSubjects;
import se.bredvid.identity.SubjectKind;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients and volunteers that identity tests may pair devices for, without the modules that own them.
 * Only subjects a test registers explicitly, and only in their organisation.
 */
public final class TestSubjects {

    private static final Set<String> allowed = ConcurrentHashMap.newKeySet();

    private TestSubjects() {
    }

    public static void allow(SubjectKind kind, UUID organisationId, UUID subjectId) {
        allowed.add(kind + ":" + organisationId + ":" + subjectId);
    }

    static boolean allowed(SubjectKind kind, UUID organisationId, UUID subjectId) {
        return allowed.contains(kind + ":" + organisationId + ":" + subjectId);
    }

    @Singleton
    @Named("test-clients")
    @Requires(env = Environment.TEST)
    static final class Clients implements DeviceSubjects {
        @Override
        public SubjectKind kind() {
            return SubjectKind.CLIENT;
        }

        @Override
        public boolean mayPair(UUID organisationId, UUID subjectId) {
            return allowed(SubjectKind.CLIENT, organisationId, subjectId);
        }
    }

    @Singleton
    @Named("test-volunteers")
    @Requires(env = Environment.TEST)
    static final class Volunteers implements DeviceSubjects {
        @Override
        public SubjectKind kind() {
            return SubjectKind.VOLUNTEER;
        }

        @Override
        public boolean mayPair(UUID organisationId, UUID subjectId) {
            return allowed(SubjectKind.VOLUNTEER, organisationId, subjectId);
        }
    }
}
