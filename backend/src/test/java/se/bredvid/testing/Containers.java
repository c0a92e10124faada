package se.bredvid.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** Testcontainers, used only where a Docker engine answers (not on the build machines here). */
final class Containers {

    private static PostgreSQLContainer<?> postgres;

    private Containers() {
    }

    static TestDatabase.Server startIfDockerAvailable() {
        if (Boolean.parseBoolean(System.getenv().getOrDefault("BREDVID_TEST_NO_DOCKER", "false"))) {
            return null;
        }
        boolean socket = java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || System.getenv("DOCKER_HOST") != null;
        if (!socket) {
            // No engine in sight: do not let Testcontainers probe (and log an error) at every run.
            return null;
        }
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            available = false;
        }
        if (!available) {
            return null;
        }
        postgres = new PostgreSQLContainer<>("postgres:15-alpine")
                .withUsername("bredvid").withPassword("bredvid").withDatabaseName("postgres");
        postgres.start();
        return new TestDatabase.Server(postgres.getHost(), postgres.getFirstMappedPort(), "bredvid", "bredvid");
    }
}
