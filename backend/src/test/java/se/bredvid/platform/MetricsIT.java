package se.bredvid.platform;

import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.LiveClient;
import se.bredvid.messaging.MessagingTest;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Prometheus endpoint after a scripted session on a real server and database: a chat with messages and a
 * live WebSocket, a client's request for help and its acknowledgement, 4xx calls with ids in the path. The
 * expected meters are there, and no label names anyone or anything: no UUID, e-mail, long number, id in a path.
 */
@MicronautTest(transactional = false)
class MetricsIT implements MessagingTest {

    static final String SCRAPE_TOKEN = "scrape-token-for-tests-only-0123456789abcdef";

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern UUID_TEXT = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{5,}");
    /** A path segment that is a word of the API or a template variable; anything else may be an id. */
    private static final Pattern PATH_SEGMENT = Pattern.compile("[a-z][a-z.-]*|\\{[a-zA-Z]+}|\\*\\*|\\*");

    @Inject
    ChatFixtures chats;

    @Inject
    Fixtures fx;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> moreProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("bredvid.metrics.scrape-token", SCRAPE_TOKEN);
        // The check-in job runs here, so that its rounds are counted.
        p.put("bredvid.checkins.job.enabled", "true");
        p.put("bredvid.checkins.job.initial-delay", "100ms");
        p.put("bredvid.checkins.job.interval", "300ms");
        return p;
    }

    private Api.Response scrape(String authorization) {
        Map<String, String> headers = authorization == null ? Map.of() : Map.of("Authorization", authorization);
        return fx.api.send(HttpMethod.GET, "/prometheus", null, null, headers);
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static List<Sample> parse(String exposition) {
        List<Sample> out = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a sample line: " + line);
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            out.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
        return out;
    }

    private List<Sample> scrapeUntil(java.util.function.Predicate<List<Sample>> ready, String waitingFor) {
        Instant deadline = Instant.now().plusSeconds(15);
        List<Sample> samples = List.of();
        while (Instant.now().isBefore(deadline)) {
            var r = scrape("Bearer " + SCRAPE_TOKEN);
            assertEquals(200, r.status(), r.toString());
            samples = parse(r.body());
            if (ready.test(samples)) {
                return samples;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        fail("the scrape never showed " + waitingFor);
        return samples;
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    private static boolean has(List<Sample> samples, String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    @Test
    void afterAScriptedSessionTheMetersAreThereAndNoLabelNamesAnyoneOrAnything() {
        var chat = chats.chat();
        List<String> identifying = new ArrayList<>(List.of(chat.conversationId().toString(),
                chat.client().id().toString(), chat.volunteer().id().toString(), chat.coordinator().username(),
                chat.organisationId().toString(), chat.clientId().toString(), chat.volunteerId().toString()));

        // A chat, with the kontaktperson's phone live on the WebSocket.
        LiveClient live = LiveClient.authenticated(server.getURI(), chats.mapper(), chat.volunteer().token(), 0);
        try {
            for (int i = 0; i < 3; i++) {
                chat.client().sendText(chat.conversationId(), "Hej, det är Amina " + i);
            }
            chat.volunteer().sendText(chat.conversationId(), "Hej Amina, jag finns här.");
            live.awaitEnvelopes(list -> list.size() >= 3, Duration.ofSeconds(10));

            // A request for help, acknowledged by the kontaktperson.
            UUID checkin = needHelp(chat);
            identifying.add(checkin.toString());
            var ack = chat.volunteer().api().post("/api/checkins/" + checkin + "/acknowledge", chat.volunteer().token(), "{}");
            assertEquals(200, ack.status(), ack.toString());

            // 4xx calls with ids in the path.
            List<String> unknown = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(), UUID.randomUUID().toString());
            identifying.addAll(unknown);
            assertEquals(404, chat.volunteer().api().post("/api/checkins/" + unknown.get(0) + "/acknowledge",
                    chat.volunteer().token(), "{}").status());
            assertEquals(404, fx.api.get("/api/recruiting/volunteers/" + unknown.get(1),
                    chat.coordinator().accessToken()).status());
            assertEquals(401, fx.api.get("/api/conversations/" + unknown.get(2) + "/devices", null).status());
            int badBody = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/envelopes",
                    chat.client().token(), "{\"envelopes\":[{\"v\":1}]}").status();
            assertTrue(badBody >= 400 && badBody < 500, "a bad envelope is a 4xx: " + badBody);
            assertEquals(404, fx.api.get("/api/no-such-thing/" + unknown.get(3) + "/12345678", null).status());
            assertEquals(404, fx.api.get("/" + "person@example.org", null).status());
            identifying.add("person@example.org");
            // A failed staff sign-in: the reason goes to a metric, never the name.
            assertEquals(401, fx.api.post("/api/auth/login", null, Map.of("username", chat.coordinator().username(),
                    "password", "not-the-password-xx", "totp", "123456")).status());

            List<Sample> samples = scrapeUntil(s -> value(s, "bredvid_notify_lag_seconds_count", Map.of()) > 0
                            && value(s, "bredvid_job_runs_total", Map.of("name", "checkins", "outcome", "success")) > 0
                            && value(s, "bredvid_alarms_acknowledgement_seconds_count", Map.of()) >= 1,
                    "NOTIFY lag, a check-in job round and an acknowledgement");

            // HTTP latency histograms per route template.
            assertTrue(value(samples, "http_server_requests_seconds_bucket",
                    Map.of("uri", "/api/conversations/{id}/envelopes", "status", "200")) > 0, "envelope posts by template");
            assertTrue(value(samples, "http_server_requests_seconds_count",
                    Map.of("uri", "/api/checkins/{id}/acknowledge", "status", "200")) >= 1, "acknowledgement by template");
            assertTrue(samples.stream().anyMatch(s -> s.name().equals("http_server_requests_seconds_count")
                    && s.labels().getOrDefault("status", "").startsWith("4")), "the 4xx calls are counted");
            // WebSocket, envelopes, NOTIFY, check-ins, alarms, jobs.
            assertTrue(value(samples, "bredvid_live_connections", Map.of()) >= 1, "the open WebSocket");
            assertTrue(has(samples, "bredvid_live_devices"));
            assertTrue(has(samples, "bredvid_envelopes_pending"));
            assertTrue(value(samples, "bredvid_envelopes_group_sends_count", Map.of()) >= 1, "sends stored by group commit");
            assertTrue(has(samples, "bredvid_notify_lag_seconds_bucket"), "NOTIFY lag histogram");
            assertTrue(has(samples, "bredvid_checkins_due_total"));
            assertTrue(has(samples, "bredvid_checkins_missed_total"));
            assertTrue(has(samples, "bredvid_alarms_escalated_total"));
            assertTrue(has(samples, "bredvid_alarms_acknowledgement_seconds_bucket"), "acknowledgement time histogram");
            assertTrue(has(samples, "bredvid_job_duration_seconds_count"));
            assertTrue(value(samples, "bredvid_job_runs_total", Map.of("name", "revoked-sessions", "outcome", "success")) > 0);
            assertTrue(value(samples, "bredvid_sign_in_refused_total", Map.of("reason", "password")) >= 1);
            assertDashboardUsesOnly(samples);

            String exposition = scrape("Bearer " + SCRAPE_TOKEN).body();
            for (Sample s : parse(exposition)) {
                s.labels().forEach((label, value) -> assertHarmless(s.name(), label, value));
            }
            for (String secret : identifying) {
                assertFalse(exposition.contains(secret), "the scrape names " + secret);
            }
            assertFalse(exposition.contains(chat.client().token()) || exposition.contains(SCRAPE_TOKEN), "a token in the scrape");
        } finally {
            live.close();
        }
    }

    /** infra/grafana/bredvid.json asks only for series this server exposes (so a renamed meter fails here). */
    static void assertDashboardUsesOnly(List<Sample> samples) {
        String dashboard;
        try {
            dashboard = java.nio.file.Files.readString(java.nio.file.Path.of("..", "infra", "grafana", "bredvid.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.Set<String> exposed = new java.util.HashSet<>();
        samples.forEach(s -> exposed.add(s.name()));
        // Counted from the first refusal on; this session sends no bot.
        exposed.add("bredvid_applications_refused_total");
        Matcher m = Pattern.compile("\\b(bredvid_[a-z_]+|http_server_[a-z_]+|jvm_[a-z_]+|hikaricp_[a-z_]+|process_[a-z_]+)\\b")
                .matcher(dashboard);
        int used = 0;
        while (m.find()) {
            used++;
            assertTrue(exposed.contains(m.group(1)), "the dashboard uses " + m.group(1) + ", which the server does not expose");
        }
        assertTrue(used > 10, "the dashboard uses the meters");
    }

    static void assertHarmless(String metric, String label, String value) {
        String where = metric + "{" + label + "=\"" + value + "\"}";
        assertFalse(UUID_TEXT.matcher(value).find(), "a UUID in " + where);
        assertFalse(EMAIL.matcher(value).find(), "an e-mail address in " + where);
        // Bucket bounds and quantiles are numbers the registry chooses, not data.
        if (!label.equals("le") && !label.equals("quantile")) {
            assertFalse(LONG_NUMBER.matcher(value).find(), "a number longer than 4 digits in " + where);
        }
        if (value.startsWith("/")) {
            for (String segment : value.substring(1).split("/")) {
                assertTrue(segment.isEmpty() || PATH_SEGMENT.matcher(segment).matches(),
                        "a path with something other than words and templates in " + where);
            }
        }
    }

    @Test
    void theScrapeEndpointAnswersOnlyToTheScrapeToken() {
        assertEquals(401, scrape(null).status());
        assertEquals(401, scrape("Bearer " + SCRAPE_TOKEN + "x").status());
        assertEquals(401, scrape("Bearer " + SCRAPE_TOKEN.substring(1)).status());
        assertEquals(401, scrape("Basic " + SCRAPE_TOKEN).status());
        int asStaff = fx.api.get("/prometheus", fx.admin().accessToken()).status();
        assertTrue(asStaff == 401 || asStaff == 403, "an admin's access token is not the scrape token: " + asStaff);
        var ok = scrape("Bearer " + SCRAPE_TOKEN);
        assertEquals(200, ok.status());
        assertTrue(ok.contentType().startsWith("text/plain"), ok.contentType());
    }

    @Test
    void theSelfCheckOfTheLabelsCatchesWhatItMust() {
        assertThrowsAssertion(() -> assertHarmless("m", "uri", "/api/checkins/" + UUID.randomUUID() + "/answer"));
        assertThrowsAssertion(() -> assertHarmless("m", "uri", "/api/items/123456"));
        assertThrowsAssertion(() -> assertHarmless("m", "uri", "/api/items/AbC9xYz"));
        assertThrowsAssertion(() -> assertHarmless("m", "user", "a.person@example.org"));
        assertThrowsAssertion(() -> assertHarmless("m", "id", "46701234567"));
        assertHarmless("m", "uri", "/api/checkins/{id}/answer");
        assertHarmless("m", "le", "0.001048576");
    }

    private static void assertThrowsAssertion(Runnable r) {
        try {
            r.run();
        } catch (AssertionError expected) {
            return;
        }
        fail("the label check let it through");
    }

    private UUID needHelp(ChatFixtures.Chat chat) {
        var opened = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/checkins", chat.client().token(), "{}");
        assertEquals(201, opened.status(), opened.toString());
        UUID checkin = UUID.fromString(opened.text("id"));
        String json = "{\"type\":\"checkin\",\"checkinId\":\"" + checkin + "\",\"status\":\"NEED_HELP\",\"sentAt\":1}";
        List<WireEnvelope> envelopes = chat.client().seal(chat.conversationId(), UUID.randomUUID(), json);
        Map<String, Object> body = new HashMap<>();
        body.put("status", "NEED_HELP");
        body.put("envelopes", envelopes);
        var r = chat.client().api().post("/api/checkins/" + checkin + "/answer", chat.client().token(), body);
        assertEquals(200, r.status(), r.toString());
        return checkin;
    }
}
