package se.bredvid.platform;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses a production start that carries a development convenience: a missing key, a key published in this
 * repository (application-dev.yml, application-test.yml), or the dev, demo or test environment. All problems
 * are told at once, in one message that names each variable; no value is ever repeated.
 *
 * <p>A start is a production start when neither the {@code dev} nor the {@code test} Micronaut environment is
 * active, or whenever {@code BREDVID_ENVIRONMENT=production} ({@code bredvid.environment}) is set: the explicit
 * marker makes a deployment that was accidentally given {@code MICRONAUT_ENVIRONMENTS=dev} fail instead of
 * quietly running with an ephemeral key and the public field key.
 *
 * <p>Created at start-up ({@code @Context}), and required by the signing keys, so that it speaks before any
 * component reports its own missing key.
 */
@Context
@Singleton
public final class ProductionGuard {

    public static final String MARKER = "bredvid.environment";
    static final Set<String> FORBIDDEN_ENVIRONMENTS = Set.of("dev", "demo", Environment.TEST);
    static final String HEADLINE = "Bredvid refuses to start in production (BREDVID_ENVIRONMENT=production, or no dev/test"
            + " environment active):";
    /** Files in the jar whose values are public and protect nothing. */
    private static final List<String> PUBLIC_CONFIGURATION = List.of("application-dev.yml", "application-test.yml",
            "application-demo.yml");

    private final boolean production;

    public ProductionGuard(Environment environment) {
        Set<String> active = environment.getActiveNames();
        String marker = environment.getProperty(MARKER, String.class).orElse("").trim().toLowerCase(Locale.ROOT);
        if (!marker.isEmpty() && !marker.equals("production")) {
            throw new ConfigurationException("BREDVID_ENVIRONMENT (" + MARKER + ") may only be 'production' or unset");
        }
        this.production = marker.equals("production") || !(active.contains("dev") || active.contains(Environment.TEST));
        if (production) {
            List<String> problems = problems(environment, active);
            if (!problems.isEmpty()) {
                throw new ConfigurationException(HEADLINE + "\n - " + String.join("\n - ", problems));
            }
        }
    }

    /** True when this start counts as production (see the class comment). */
    public boolean production() {
        return production;
    }

    private static List<String> problems(Environment env, Set<String> active) {
        List<String> problems = new ArrayList<>();
        Set<String> forbidden = new TreeSet<>(active);
        forbidden.retainAll(FORBIDDEN_ENVIRONMENTS);
        if (!forbidden.isEmpty()) {
            problems.add("MICRONAUT_ENVIRONMENTS includes " + String.join(", ", forbidden)
                    + ": the dev and test environments bring public keys and an ephemeral JWT key, demo seeds demo"
                    + " accounts; unset it (or leave only environments of your own)");
        }
        Set<String> published = publishedValues();

        if (env.getProperty("bredvid.jwt.ephemeral-allowed", Boolean.class).orElse(false)) {
            problems.add("bredvid.jwt.ephemeral-allowed (BREDVID_JWT_EPHEMERAL_ALLOWED) is true: tokens would be signed"
                    + " with a throw-away key; unset it");
        }
        String jwtKey = text(env, "bredvid.jwt.private-key");
        String jwtFile = text(env, "bredvid.jwt.private-key-file");
        if (jwtKey.isEmpty() && jwtFile.isEmpty()) {
            problems.add("BREDVID_JWT_PRIVATE_KEY (or BREDVID_JWT_PRIVATE_KEY_FILE) is not set: give the EC P-256 key that"
                    + " signs access tokens (openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256)");
        } else if (published.contains(jwtKey)) {
            problems.add("BREDVID_JWT_PRIVATE_KEY is a development key published in the source: make a key of your own");
        }

        String currentField = text(env, "bredvid.crypto.field.current-key");
        Map<String, Object> fieldKeys = env.getProperty("bredvid.crypto.field.keys", Map.class).orElse(Map.of());
        Object currentValue = fieldKeys.get(currentField);
        if (currentField.isEmpty() || currentValue == null || currentValue.toString().isBlank()) {
            problems.add("BREDVID_FIELD_KEY_ID and BREDVID_FIELD_KEY are not both set: give the id and the 32-byte base64 key"
                    + " (openssl rand -base64 32) that encrypts personal data at rest");
        }
        fieldKeys.forEach((id, value) -> {
            if (value != null && published.contains(value.toString().trim())) {
                problems.add("the field key '" + id + "' (BREDVID_FIELD_KEY, or bredvid.crypto.field.keys." + id
                        + ") is a development key published in the source: make a key of your own");
            }
        });

        String metrics = text(env, "bredvid.metrics.scrape-token");
        if (!metrics.isEmpty() && published.contains(metrics)) {
            problems.add("BREDVID_METRICS_TOKEN is a value published in the source: make one of your own (openssl rand -hex 32)");
        }
        if (env.getProperty("bredvid.demo.enabled", Boolean.class).orElse(false) && !forbidden.contains("demo")) {
            problems.add("bredvid.demo.enabled (BREDVID_DEMO_ENABLED) is true: it seeds demo accounts; unset it");
        }
        return problems;
    }

    private static String text(Environment env, String property) {
        return env.getProperty(property, String.class).orElse("").trim();
    }

    /** Every secret-looking value of the configuration files that ship only for development and tests. */
    private static Set<String> publishedValues() {
        Set<String> values = new HashSet<>();
        YamlPropertySourceLoader loader = new YamlPropertySourceLoader();
        for (String file : PUBLIC_CONFIGURATION) {
            try (InputStream in = ProductionGuard.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    continue;
                }
                loader.read(file, in).forEach((key, value) -> {
                    if (value instanceof CharSequence text && text.length() >= 16
                            && (key.startsWith("bredvid.crypto") || key.startsWith("bredvid.jwt") || key.startsWith("bredvid.metrics"))) {
                        values.add(text.toString().trim());
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return values;
    }
}
