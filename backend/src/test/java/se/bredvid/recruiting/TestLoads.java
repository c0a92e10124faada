package se.bredvid.recruiting;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Client loads that tests set, standing in for the assignments of the matching module. Empty by default. */
@Singleton
@Requires(env = Environment.TEST)
final class TestLoads implements VolunteerLoad {

    private static final Map<UUID, Map<UUID, Integer>> loads = new ConcurrentHashMap<>();

    static void set(UUID organisationId, UUID volunteerId, int clients) {
        loads.computeIfAbsent(organisationId, k -> new ConcurrentHashMap<>()).put(volunteerId, clients);
    }

    @Override
    public Map<UUID, Integer> activeClients(UUID organisationId) {
        return Map.copyOf(loads.getOrDefault(organisationId, Map.of()));
    }
}
