package se.bredvid.messaging.privacy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.LiveClient;
import se.bredvid.messaging.MessagingTest;
import se.bredvid.messaging.TestDevice;
import se.bredvid.messaging.TestSql;
import se.bredvid.protocol.Base64Url;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threat model 2: after a chat and check-ins with known texts, neither any column of any table nor any
 * log line holds any of those texts — in clear, in base64 or base64url.
 */
@MicronautTest(transactional = false)
class NoPlaintextIT implements MessagingTest {

    @Inject
    ChatFixtures chats;

    @Inject
    EmbeddedServer server;

    @Inject
    TestSql sql;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> secrets = new ArrayList<>();

    private ch.qos.logback.classic.Level bredvidLevel;
    private ch.qos.logback.classic.Level serverLevel;

    /** Every log event of this JVM, with Bredvid's own loggers and the HTTP server at DEBUG: stricter than production. */
    @BeforeAll
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
        bredvidLevel = context.getLogger("se.bredvid").getLevel();
        serverLevel = context.getLogger("io.micronaut.http.server").getLevel();
        context.getLogger("se.bredvid").setLevel(ch.qos.logback.classic.Level.DEBUG);
        context.getLogger("io.micronaut.http.server").setLevel(ch.qos.logback.classic.Level.DEBUG);
        LoggerFactory.getLogger("se.bredvid.test").info("log capture started");
    }

    @AfterAll
    void stopCapturing() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        context.getLogger("se.bredvid").setLevel(bredvidLevel);
        context.getLogger("io.micronaut.http.server").setLevel(serverLevel);
    }

    private String secret(String label) {
        String s = label + " " + UUID.randomUUID().toString().substring(0, 8);
        secrets.add(s);
        return s;
    }

    @Test
    void noMessageOrCheckinTextIsStoredOrLoggedAnywhere() throws Exception {
        var chat = chats.chat();
        LiveClient volunteerLive = LiveClient.authenticated(server.getURI(), chats.mapper(), chat.volunteer().token(), 0);
        try {
            // A chat, live and by sync, with receipts.
            UUID first = chat.client().sendText(chat.conversationId(), secret("Pappa vet inte att jag bor i Malmö"));
            chat.volunteer().sendText(chat.conversationId(), secret("Vi ses på torsdag vid biblioteket"));
            chat.client().sendText(chat.conversationId(), secret("Min bror följer efter mig"));
            var live = volunteerLive.awaitEnvelopes(l -> l.size() == 2, Duration.ofSeconds(10));
            for (var d : live) {
                assertTrue(secrets.stream().anyMatch(chat.volunteer().open(d)::contains));
            }
            String receipt = "{\"type\":\"receipt\",\"status\":\"read\",\"messageIds\":[\"" + first + "\"],\"sentAt\":1}";
            chat.volunteer().post(chat.conversationId(), chat.volunteer().seal(chat.conversationId(), UUID.randomUUID(), receipt));
            for (var d : chat.client().syncAll(0)) {
                chat.client().open(d);
            }

            // Check-ins: an ad-hoc NEED_HELP with a note.
            var opened = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/checkins", chat.client().token(), "{}");
            String checkin = opened.text("id");
            String note = secret("Jag är rädd, de har tagit mitt pass");
            String json = "{\"type\":\"checkin\",\"checkinId\":\"" + checkin + "\",\"status\":\"NEED_HELP\",\"mood\":1,"
                    + "\"safety\":1,\"needs\":[" + TestDevice.quote(secret("skyddat boende")) + "],\"note\":"
                    + TestDevice.quote(note) + ",\"sentAt\":1}";
            Map<String, Object> answer = new HashMap<>();
            answer.put("status", "NEED_HELP");
            answer.put("envelopes", chat.client().seal(chat.conversationId(), UUID.randomUUID(), json));
            assertEquals(200, chat.client().api().post("/api/checkins/" + checkin + "/answer", chat.client().token(), answer).status());
            var atVolunteer = chat.volunteer().syncAll(0);
            assertTrue(chat.volunteer().open(atVolunteer.get(atVolunteer.size() - 1)).contains(note));

            // Bad requests that carry text: refused without echoing it into a log.
            String leaked = secret("detta får aldrig loggas");
            var refused = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/envelopes",
                    chat.client().token(), "{\"envelopes\":[],\"text\":" + TestDevice.quote(leaked) + "}");
            assertEquals(400, refused.status());
            var badFrame = LiveClient.connect(server.getURI(), chats.mapper());
            badFrame.send("{\"type\":" + TestDevice.quote(leaked) + "}");
            badFrame.awaitClose(Duration.ofSeconds(5));
        } finally {
            volunteerLive.close();
        }

        assertTrue(sql.queryLong("select count(*) from envelope") >= 5, "the exchange was stored");
        List<String> found = new ArrayList<>();
        for (String secret : secrets) {
            found.addAll(tablesContaining(secret));
            for (ILoggingEvent e : logs.list) {
                if (containsAnyForm(renderLogEvent(e), secret)) {
                    found.add("log: " + e.getLoggerName());
                }
            }
        }
        assertTrue(found.isEmpty(), "plaintext found in: " + found);
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().equals("log capture started")),
                "the capture works");
    }

    /** Every text, character, json and bytea column of every table of the application's schema. */
    private List<String> tablesContaining(String secret) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection c = sql.connect()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("""
                    select c.table_name, c.column_name, c.data_type from information_schema.columns c
                    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')""")) {
                while (rs.next()) {
                    columns.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            assertTrue(columns.stream().anyMatch(col -> col[0].equals("envelope") && col[1].equals("ct")));
            for (String[] col : columns) {
                for (String form : forms(secret)) {
                    String expression = col[2].equals("bytea")
                            ? "position(convert_to(?, 'UTF8') in \"" + col[1] + "\") > 0"
                            : "position(lower(?) in lower(\"" + col[1] + "\"::text)) > 0";
                    try (PreparedStatement ps = c.prepareStatement(
                            "select count(*) from \"" + col[0] + "\" where " + expression)) {
                        ps.setString(1, form);
                        ResultSet rs = ps.executeQuery();
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            hits.add(col[0] + "." + col[1]);
                        }
                    }
                }
            }
        }
        return hits;
    }

    private static List<String> forms(String secret) {
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        return List.of(secret, Base64Url.encode(utf8), java.util.Base64.getEncoder().encodeToString(utf8),
                secret.substring(0, secret.length() / 2));
    }

    private static boolean containsAnyForm(String text, String secret) {
        String lower = text.toLowerCase();
        return forms(secret).stream().anyMatch(f -> lower.contains(f.toLowerCase()));
    }

    private static String renderLogEvent(ILoggingEvent e) {
        StringBuilder sb = new StringBuilder(e.getFormattedMessage() == null ? "" : e.getFormattedMessage());
        e.getMDCPropertyMap().values().forEach(v -> sb.append(' ').append(v));
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            sb.append(' ').append(t.getMessage());
        }
        return sb.toString();
    }

}
