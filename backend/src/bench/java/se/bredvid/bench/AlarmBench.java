package se.bredvid.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.messaging.push.VerifyingPushService;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.TestDatabase;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How fast a client's "I need help now" reaches the people who must act, printed as one JSON object: from
 * the moment the client's answer is sent to (a) the push message arriving at a push-service stand-in that
 * verifies it (VAPID, RFC 8291), (b) the urgent item being listed by the coordinators' worklist API, and
 * (c) the urgent e-mail arriving at an SMTP server (GreenMail); median and max over the alarms, in ms.
 * Everything runs in this JVM against the real PostgreSQL.
 * Run: {@code mvn -B -q -pl backend -Pbench test-compile exec:exec -Dbench.main=se.bredvid.bench.AlarmBench}
 */
public final class AlarmBench {

    private static final String VAPID_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";

    public static void main(String[] args) throws Exception {
        int alarms = Integer.parseInt(System.getProperty("bench.alarms", "20"));
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        VerifyingPushService push = new VerifyingPushService(VAPID_PUBLIC);
        Map<String, Object> props = new HashMap<>(TestDatabase.freshDatabaseProperties());
        props.put("micronaut.server.port", "-1");
        props.put("bredvid.rate-limits.factor", "100000");
        props.put("bredvid.checkins.job.enabled", "false");
        props.put("bredvid.push.vapid.public-key", VAPID_PUBLIC);
        props.put("bredvid.push.vapid.private-key", "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw");
        props.put("bredvid.push.vapid.subject", "mailto:drift@bredvid.example");
        props.put("bredvid.push.allowed-endpoint-hosts", "127.0.0.1");
        props.put("bredvid.mail.enabled", "true");
        props.put("bredvid.mail.host", "127.0.0.1");
        props.put("bredvid.mail.port", Integer.toString(smtp.getSmtp().getPort()));
        props.put("bredvid.mail.from", "bredvid@jour.example");
        props.put("bredvid.mail.starttls", "false");
        props.put("bredvid.mail.public-url", "https://bredvid.jour.example/");
        props.put("bredvid.mail.job.enabled", "false");
        List<Double> toPush = new ArrayList<>();
        List<Double> toWorklist = new ArrayList<>();
        List<Double> toMail = new ArrayList<>();
        int invalidPushes = 0;
        try (ApplicationContext ctx = ApplicationContext.builder().environments("test").properties(props).start()) {
            ctx.getBean(EmbeddedServer.class).start();
            ChatFixtures chats = ctx.getBean(ChatFixtures.class);
            Fixtures fx = ctx.getBean(Fixtures.class);
            var chat = chats.chat();
            String phone = "/kp/" + chat.volunteer().id();
            check(chat.volunteer().api().put("/api/push/subscription", chat.volunteer().token(), push.subscription(phone)).status(), 204);
            check(fx.api.put("/api/notifications/email", chat.coordinator().accessToken(), Map.of("email", "jour@jour.example")).status(), 200);
            for (int i = -3; i < alarms; i++) {
                var opened = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/checkins", chat.client().token(), "{}");
                check(opened.status(), 201);
                UUID checkin = UUID.fromString(opened.text("id"));
                List<WireEnvelope> envelopes = chat.client().seal(chat.conversationId(), UUID.randomUUID(),
                        "{\"type\":\"checkin\",\"checkinId\":\"" + checkin + "\",\"status\":\"NEED_HELP\",\"sentAt\":1}");
                Map<String, Object> body = new HashMap<>();
                body.put("status", "NEED_HELP");
                body.put("envelopes", envelopes);
                int mailsBefore = smtp.getReceivedMessages().length;
                long t0 = System.nanoTime();
                check(chat.client().api().post("/api/checkins/" + checkin + "/answer", chat.client().token(), body).status(), 200);
                long worklist = 0;
                long mail = 0;
                while (worklist == 0 || mail == 0) {
                    if (worklist == 0 && listed(fx, chat.coordinator().accessToken(), checkin)) {
                        worklist = System.nanoTime();
                    }
                    if (mail == 0 && smtp.getReceivedMessages().length > mailsBefore) {
                        mail = System.nanoTime();
                    }
                    if (System.nanoTime() - t0 > 30_000_000_000L) {
                        throw new IllegalStateException("alarm " + i + " did not arrive within 30 s");
                    }
                    Thread.sleep(2);
                }
                VerifyingPushService.Push p = push.nextTo(phone, 30);
                if (p == null) {
                    throw new IllegalStateException("no push for alarm " + i);
                }
                if (!p.valid()) {
                    invalidPushes++;
                }
                check(chat.volunteer().api().post("/api/checkins/" + checkin + "/acknowledge", chat.volunteer().token(), "{}").status(), 200);
                if (i >= 0) {
                    toPush.add((p.receivedNanos() - t0) / 1e6);
                    toWorklist.add((worklist - t0) / 1e6);
                    toMail.add((mail - t0) / 1e6);
                }
            }
        } finally {
            push.close();
            smtp.stop();
        }
        System.out.println("{\"alarms\":" + alarms + ",\"invalidPushes\":" + invalidPushes
                + ",\"pushMs\":" + stats(toPush) + ",\"worklistMs\":" + stats(toWorklist) + ",\"mailMs\":" + stats(toMail)
                + ",\"loadAverage\":" + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + "}");
    }

    private static boolean listed(Fixtures fx, String token, UUID checkin) {
        var r = fx.api.get("/api/notifications", token);
        for (JsonNode item : r.json().values()) {
            if (item.get("objectId").getStringValue().equals(checkin.toString())) {
                return true;
            }
        }
        return false;
    }

    private static String stats(List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return String.format(java.util.Locale.ROOT, "{\"median\":%.1f,\"max\":%.1f,\"min\":%.1f}", median,
                sorted.get(sorted.size() - 1), sorted.get(0));
    }

    private static void check(int status, int expected) {
        if (status != expected) {
            throw new IllegalStateException("expected " + expected + " but got " + status);
        }
    }
}
