package se.bredvid.bench.rig;

import io.micronaut.context.ApplicationContext;
import org.yaml.snakeyaml.Yaml;
import se.bredvid.bench.MessagingBenchmark;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.TestDevice;
import se.bredvid.testing.Fixtures;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hostile and malformed requests over every operation of the OpenAPI document the rig serves, as authorised
 * callers of one organisation and one municipality (coordinator, handläggare, administrator, a client's and a
 * kontaktperson's phone): wrong types, nulls inside arrays, NUL and lone surrogates in strings, huge values,
 * another tenant's ids in paths and bodies, injection strings, broken JSON. Passes when no answer is a 5xx,
 * every 4xx is application/problem+json, and no row of the other tenant (an organisation with a live
 * conversation, a municipality) changed. Seeded: {@code seed=1 requests=12000}.
 */
final class RigFuzz {

    private static final List<String> HOSTILE = List.of(
            "' or '1'='1", "'; drop table audit_entry; --", "\" onmouseover=alert(1) \"", "<script>alert(1)</script>",
            "../../../../etc/passwd", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "%00", "\\u0000", "null", "true", "-1",
            "1e309", "NaN", "𝕭𝖗𝖊𝖉𝖛𝖎𝖉", "\u202Eevil", "", " ");

    private final Rig rig;
    private final ApplicationContext ctx;
    private final Random random;
    private final int requests;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<UUID> foreignIds = new ArrayList<>();
    private final java.net.URI target;

    RigFuzz(Rig rig, ApplicationContext ctx, Map<String, String> args) {
        this.rig = rig;
        this.ctx = ctx;
        this.random = new Random(Long.parseLong(args.getOrDefault("seed", "1")));
        this.requests = Integer.parseInt(args.getOrDefault("requests", "12000"));
        // target=direct sends to the first instance instead of the load balancer (to tell the two apart).
        this.target = "direct".equals(args.get("target")) ? java.net.URI.create("http://127.0.0.1:" + rig.ports.get(0)) : rig.lb;
    }

    record Operation(String method, String path, List<Map<String, Object>> parameters, Map<String, Object> bodySchema) {
    }

    record Caller(String name, String token) {
    }

    Map<String, Object> run() throws Exception {
        Fixtures fx = ctx.getBean(Fixtures.class);
        ChatFixtures chats = ctx.getBean(ChatFixtures.class);
        // The callers' tenant.
        ChatFixtures.Chat ours = chats.chat();
        UUID municipality = fx.municipality();
        List<Caller> callers = List.of(
                new Caller("coordinator", ours.coordinator().accessToken()),
                new Caller("handlaggare", fx.handlaggare(municipality).accessToken()),
                new Caller("admin", fx.admin().accessToken()),
                new Caller("clientDevice", ours.client().token()),
                new Caller("volunteerDevice", ours.volunteer().token()));
        // The other tenant, whose rows must not change.
        ChatFixtures.Chat theirs = chats.chat();
        UUID theirMunicipality = fx.municipality();
        TestDevice theirOther = chats.device(theirs.coordinator(), SubjectKind.CLIENT, UUID.randomUUID());
        foreignIds.addAll(List.of(theirs.organisationId(), theirs.conversationId(), theirs.clientId(), theirs.volunteerId(),
                theirs.assignmentId(), theirs.client().id(), theirs.volunteer().id(), theirs.coordinator().id(),
                theirMunicipality, theirOther.id()));
        Map<String, String> before = snapshot(theirs.organisationId(), theirMunicipality);

        // Operations that end the caller's own session go last, so that they do not turn the rest into 401s.
        List<Operation> operations = new ArrayList<>(operations());
        operations.sort(java.util.Comparator.comparing(RigFuzz::endsSession));
        int lasting = (int) operations.stream().filter(o -> !endsSession(o)).count();
        RigMain.log(operations.size() + " operations in the OpenAPI document; " + requests + " requests");
        Map<String, Long> statuses = new ConcurrentHashMap<>();
        Map<String, Long> perCaller = new ConcurrentHashMap<>();
        List<String> serverErrors = Collections.synchronizedList(new ArrayList<>());
        List<String> notProblemJson = Collections.synchronizedList(new ArrayList<>());
        AtomicLong sent = new AtomicLong();
        AtomicLong timeouts = new AtomicLong();
        Map<String, AtomicLong> millisPerOperation = new ConcurrentHashMap<>();
        List<String> stalls = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        int closing = operations.size() - lasting;
        for (int i = 0; i < requests; i++) {
            // All but the last (4 × the session-ending operations) requests go to the others, round-robin.
            int tail = requests - i;
            Operation op = tail <= 4 * closing ? operations.get(lasting + (tail - 1) % closing) : operations.get(i % lasting);
            Caller caller = callers.get(random.nextInt(callers.size()));
            String path = path(op);
            String body = op.bodySchema() != null || random.nextInt(4) == 0 ? body(op.bodySchema()) : null;
            fs.add(pool.submit(() -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(path)).timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + caller.token());
                HttpRequest.BodyPublisher pub = body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
                if (body != null) {
                    b.header("Content-Type", "application/json");
                }
                b.method(op.method(), pub);
                long started = System.nanoTime();
                if (body != null && body.length() > 65_536) {
                    // A large body waits for "100 Continue", so that a server refusing it (413) is heard at once.
                    b.expectContinue(true);
                }
                try {
                    HttpResponse<java.io.InputStream> r;
                    try {
                        // Status and headers are the answer; the body is not needed (an event stream would never end).
                        r = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream()).get(20, java.util.concurrent.TimeUnit.SECONDS);
                        r.body().close();
                    } catch (java.util.concurrent.TimeoutException stalled) {
                        timeouts.incrementAndGet();
                        if (stalls.size() < 20) {
                            stalls.add(op.method() + " " + op.path() + " (" + (body == null ? 0 : body.length()) + " chars)");
                        }
                        return null;
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw (Exception) e.getCause();
                    }
                    millisPerOperation.computeIfAbsent(op.method() + " " + op.path(), k -> new AtomicLong())
                            .addAndGet((System.nanoTime() - started) / 1_000_000);
                    sent.incrementAndGet();
                    statuses.merge(String.valueOf(r.statusCode()), 1L, Long::sum);
                    perCaller.merge(caller.name() + " " + (r.statusCode() / 100) + "xx", 1L, Long::sum);
                    String type = r.headers().firstValue("content-type").orElse("");
                    if (r.statusCode() >= 500 && serverErrors.size() < 20) {
                        serverErrors.add(op.method() + " " + op.path() + " → " + r.statusCode());
                    }
                    if (r.statusCode() >= 400 && r.statusCode() < 500 && !type.startsWith("application/problem+json")
                            && notProblemJson.size() < 20) {
                        notProblemJson.add(op.method() + " " + op.path() + " → " + r.statusCode() + " " + type);
                    }
                } catch (java.net.http.HttpTimeoutException e) {
                    timeouts.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        double secs = (System.nanoTime() - t0) / 1e9;
        Map<String, String> after = snapshot(theirs.organisationId(), theirMunicipality);
        List<String> changed = new ArrayList<>();
        for (var e : before.entrySet()) {
            if (!e.getValue().equals(after.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        long fiveXx = statuses.entrySet().stream().filter(e -> e.getKey().startsWith("5")).mapToLong(Map.Entry::getValue).sum();
        long fourXx = statuses.entrySet().stream().filter(e -> e.getKey().startsWith("4")).mapToLong(Map.Entry::getValue).sum();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("program", "fuzz");
        out.put("target", target.toString());
        out.put("operations", operations.size());
        out.put("requestsAnswered", sent.get());
        out.put("requestsWithoutAnswerIn20s", timeouts.get());
        out.put("requestsWithoutAnswerExamples", stalls);
        out.put("seconds", MessagingBenchmark.round(secs, 1));
        out.put("statuses", new TreeMap<>(statuses));
        out.put("slowestOperationsTotalMs", millisPerOperation.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(5)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(), (a, b) -> a, LinkedHashMap::new)));
        out.put("perCaller", new TreeMap<>(perCaller));
        out.put("serverErrors", fiveXx);
        out.put("serverErrorExamples", serverErrors);
        out.put("clientErrors", fourXx);
        out.put("clientErrorsNotProblemJson", notProblemJson.size());
        out.put("clientErrorsNotProblemJsonExamples", notProblemJson);
        out.put("otherTenantTablesChecked", before.size());
        out.put("otherTenantTablesChanged", changed);
        out.put("passed", fiveXx == 0 && notProblemJson.isEmpty() && changed.isEmpty() && timeouts.get() == 0
                && sent.get() >= 10_000);
        return out;
    }

    static boolean endsSession(Operation o) {
        return o.path().endsWith("/logout") || o.path().endsWith("/logout-everywhere")
                || (o.method().equals("DELETE") && o.path().equals("/api/devices/me")) || o.path().equals("/api/me/contact/end");
    }

    /** Every operation of the served document, with its parameters and its JSON body schema (refs resolved). */
    @SuppressWarnings("unchecked")
    private List<Operation> operations() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(rig.lb.resolve("/swagger/bredvid-api.yml")).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> doc = new Yaml().load(r.body());
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.getOrDefault("components", Map.of()))
                .getOrDefault("schemas", Map.of());
        List<Operation> out = new ArrayList<>();
        for (var p : ((Map<String, Object>) doc.get("paths")).entrySet()) {
            for (var m : ((Map<String, Object>) p.getValue()).entrySet()) {
                String method = m.getKey().toUpperCase();
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                Map<String, Object> op = (Map<String, Object>) m.getValue();
                List<Map<String, Object>> params = (List<Map<String, Object>>) op.getOrDefault("parameters", List.of());
                Map<String, Object> schema = null;
                Object rb = op.get("requestBody");
                if (rb instanceof Map<?, ?> rbm && rbm.get("content") instanceof Map<?, ?> content
                        && content.get("application/json") instanceof Map<?, ?> json && json.get("schema") instanceof Map<?, ?> s) {
                    schema = resolve((Map<String, Object>) s, schemas, 0);
                }
                out.add(new Operation(method, p.getKey(), params, schema));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(Map<String, Object> schema, Map<String, Object> schemas, int depth) {
        if (depth > 6) {
            return Map.of("type", "object");
        }
        Object ref = schema.get("$ref");
        if (ref instanceof String s) {
            Object target = schemas.get(s.substring(s.lastIndexOf('/') + 1));
            return target instanceof Map<?, ?> t ? resolve((Map<String, Object>) t, schemas, depth + 1) : Map.of("type", "object");
        }
        Map<String, Object> out = new LinkedHashMap<>(schema);
        if (schema.get("properties") instanceof Map<?, ?> props) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (var e : props.entrySet()) {
                resolved.put((String) e.getKey(), resolve((Map<String, Object>) e.getValue(), schemas, depth + 1));
            }
            out.put("properties", resolved);
        }
        if (schema.get("items") instanceof Map<?, ?> items) {
            out.put("items", resolve((Map<String, Object>) items, schemas, depth + 1));
        }
        for (String k : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.get(k) instanceof List<?> parts && !parts.isEmpty() && parts.get(0) instanceof Map<?, ?> first) {
                out.putAll(resolve((Map<String, Object>) first, schemas, depth + 1));
            }
        }
        return out;
    }

    private String path(Operation op) {
        String path = op.path();
        for (var p : op.parameters()) {
            if ("path".equals(p.get("in"))) {
                path = path.replace("{" + p.get("name") + "}", enc(pathValue()));
            }
        }
        StringBuilder query = new StringBuilder();
        for (var p : op.parameters()) {
            if ("query".equals(p.get("in")) && random.nextBoolean()) {
                query.append(query.length() == 0 ? "?" : "&").append(enc(String.valueOf(p.get("name")))).append('=')
                        .append(enc(scalarString()));
            }
        }
        return path + query;
    }

    private String pathValue() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> foreignIds.get(random.nextInt(foreignIds.size())).toString();
            case 2 -> UUID.randomUUID().toString();
            case 3 -> HOSTILE.get(random.nextInt(HOSTILE.size()));
            case 4 -> String.valueOf(random.nextLong());
            default -> "x".repeat(1 + random.nextInt(3000));
        };
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String scalarString() {
        return switch (random.nextInt(5)) {
            case 0 -> HOSTILE.get(random.nextInt(HOSTILE.size()));
            case 1 -> String.valueOf(random.nextInt(Integer.MAX_VALUE) - random.nextInt(Integer.MAX_VALUE));
            case 2 -> "2026-13-45T99:99:99Z";
            case 3 -> foreignIds.get(random.nextInt(foreignIds.size())).toString();
            default -> "z".repeat(random.nextInt(5000));
        };
    }

    /** A body from the schema, then broken in one of many ways; or not JSON at all. */
    private String body(Map<String, Object> schema) {
        if (random.nextInt(12) == 0) {
            return switch (random.nextInt(4)) {
                case 0 -> "{\"unterminated\": \"";
                case 1 -> "[" .repeat(5000);
                case 2 -> "\u0000\u0001\u0002";
                default -> "not json at all";
            };
        }
        StringBuilder sb = new StringBuilder();
        value(schema == null ? Map.of("type", "object") : schema, sb, 0, true);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private void value(Map<String, Object> schema, StringBuilder sb, int depth, boolean mutate) {
        if (mutate && depth > 0 && random.nextInt(6) == 0) {
            hostileValue(sb);
            return;
        }
        String type = String.valueOf(schema.getOrDefault("type", schema.containsKey("properties") ? "object" : "string"));
        switch (type) {
            case "object" -> {
                sb.append('{');
                boolean first = true;
                Map<String, Object> props = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                for (var e : props.entrySet()) {
                    if (random.nextInt(8) == 0) {
                        continue; // a missing field
                    }
                    sb.append(first ? "" : ",");
                    first = false;
                    string(e.getKey(), sb);
                    sb.append(':');
                    value((Map<String, Object>) e.getValue(), sb, depth + 1, true);
                }
                if (random.nextInt(5) == 0) {
                    sb.append(first ? "" : ",").append("\"unexpectedField\":\"x\"");
                }
                sb.append('}');
            }
            case "array" -> {
                sb.append('[');
                int n = random.nextInt(10) == 0 ? 500 : random.nextInt(4);
                Map<String, Object> items = (Map<String, Object>) schema.getOrDefault("items", Map.of("type", "string"));
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "" : ",");
                    if (random.nextInt(5) == 0) {
                        sb.append("null"); // a null inside an array
                    } else {
                        value(items, sb, depth + 1, true);
                    }
                }
                sb.append(']');
            }
            case "integer", "number" -> sb.append(switch (random.nextInt(4)) {
                case 0 -> "-1";
                case 1 -> "99999999999999999999999";
                case 2 -> "1.5";
                default -> String.valueOf(random.nextInt(100));
            });
            case "boolean" -> sb.append(random.nextBoolean());
            default -> {
                Object format = schema.get("format");
                Object en = schema.get("enum");
                if (en instanceof List<?> values && !values.isEmpty() && random.nextBoolean()) {
                    string(String.valueOf(values.get(random.nextInt(values.size()))), sb);
                } else if ("uuid".equals(format)) {
                    string((random.nextBoolean() ? foreignIds.get(random.nextInt(foreignIds.size())) : UUID.randomUUID()).toString(), sb);
                } else if ("date".equals(format)) {
                    string(random.nextBoolean() ? "2026-12-07" : "0000-00-00", sb);
                } else {
                    string(HOSTILE.get(random.nextInt(HOSTILE.size())), sb);
                }
            }
        }
    }

    /** A value that does not fit: another type, NUL, a lone surrogate, a huge string or number, an injection. */
    private void hostileValue(StringBuilder sb) {
        switch (random.nextInt(9)) {
            case 0 -> sb.append("null");
            case 1 -> sb.append("\"a\\u0000b\"");
            case 2 -> sb.append("\"x\\ud800y\"");
            case 3 -> sb.append("\"\\udfff\"");
            case 4 -> string("y".repeat(100_000 + random.nextInt(100_000)), sb);
            case 5 -> sb.append("1e308");
            case 6 -> sb.append("{\"nested\":[{},[],null]}");
            case 7 -> sb.append("[1,\"two\",null,{}]");
            default -> string(HOSTILE.get(random.nextInt(HOSTILE.size())), sb);
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * A digest of every row that belongs to the other organisation or municipality, per table: each table with an
     * organisation_id or municipality_id column, and the tables keyed by its devices and conversation.
     */
    private Map<String, String> snapshot(UUID organisation, UUID municipality) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = rig.jdbc(); Statement st = c.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("""
                    select table_name, column_name from information_schema.columns
                    where table_schema = 'public' and column_name in ('organisation_id', 'municipality_id')
                    order by table_name, column_name""")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] tc : columns) {
                UUID id = tc[1].equals("organisation_id") ? organisation : municipality;
                try (ResultSet rs = st.executeQuery("select md5(coalesce(string_agg(t::text, '|' order by t::text), '')), count(*) from "
                        + tc[0] + " t where " + tc[1] + " = '" + id + "'")) {
                    rs.next();
                    out.put(tc[0] + "." + tc[1] + " (" + rs.getLong(2) + " rows)", rs.getString(1));
                }
            }
        }
        return out;
    }
}
