package se.bredvid.platform;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.data.annotation.MappedEntity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module map, checked (docs/architecture.md; ARCHITECTURE "one deployable, modular inside"):
 * <ul>
 * <li>a module reaches another only through the types that module marks {@link Published};</li>
 * <li>the modules depend on each other without a cycle, read from the bytecode and from the sources (an
 *     inlined constant such as a role name leaves no trace in the bytecode);</li>
 * <li>a module's SQL names only the tables its {@link Module} declaration owns, every table of the
 *     migrations has exactly one owner, and every mapped entity lives in its table's module;</li>
 * <li>{@code platform} and {@code protocol} are the ground floor: every module may use them, they use none.</li>
 * <li>only a store seals and opens: no class outside a {@code ...Store} (or a {@code ...SealedColumns}) depends on
 *     {@link FieldCipher}, bar the exceptions listed with their reasons in {@code CIPHER_HOLDERS}.</li>
 * </ul>
 */
class ModuleBoundariesTest {

    private static final String ROOT = "se.bredvid.";
    private static final Set<String> GROUND_FLOOR = Set.of("platform", "protocol");
    private static final Path SOURCES = Path.of("src/main/java/se/bredvid");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("se.bredvid");

    static String module(String className) {
        if (!className.startsWith(ROOT)) {
            return null;
        }
        String rest = className.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? null : rest.substring(0, dot);
    }

    private static boolean generated(JavaClass c) {
        // Micronaut's generated bean definitions ($Definition, $Intercepted, ...) live beside the class.
        return c.getSimpleName().startsWith("$") || c.getName().contains("$Definition");
    }

    /** The class or one of its enclosing classes is marked published. */
    private static boolean published(JavaClass target) {
        for (JavaClass c = target; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (c.isAnnotatedWith(Published.class)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void modulesReachEachOtherOnlyThroughPublishedTypes() {
        assertFalse(CLASSES.isEmpty());
        Set<String> violations = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            String from = module(c.getName());
            if (from == null || GROUND_FLOOR.contains(from) || generated(c)) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                JavaClass target = d.getTargetClass();
                String to = module(target.getName());
                if (to == null || to.equals(from) || GROUND_FLOOR.contains(to)) {
                    continue;
                }
                if (!published(target)) {
                    violations.add(c.getName() + " -> " + target.getName());
                }
            }
        }
        assertTrue(violations.isEmpty(), "reaches into another module (mark the type @Published or go through one"
                + " that is):\n" + String.join("\n", violations));
    }

    @Test
    void theGroundFloorDependsOnNoFeatureModule() {
        Set<String> violations = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            String from = module(c.getName());
            if (from == null || !GROUND_FLOOR.contains(from)) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = module(d.getTargetClass().getName());
                if (to != null && !GROUND_FLOOR.contains(to)) {
                    violations.add(c.getName() + " -> " + d.getTargetClass().getName());
                }
            }
        }
        violations.addAll(sourceEdges().entrySet().stream()
                .filter(e -> GROUND_FLOOR.contains(e.getKey()))
                .flatMap(e -> e.getValue().stream().filter(to -> !GROUND_FLOOR.contains(to)).map(to -> e.getKey() + " -> " + to))
                .toList());
        assertTrue(violations.isEmpty(), "platform and protocol stay below the modules:\n" + String.join("\n", violations));
    }

    @Test
    void theModuleMapHasNoCycle() {
        List<String> cycle = cycle(moduleGraph());
        assertTrue(cycle.isEmpty(), "the modules depend on each other in a cycle: " + String.join(" -> ", cycle));
    }

    @Test
    void aModulesSqlNamesOnlyItsOwnTables() {
        Map<String, String> owner = tableOwners();
        Set<String> created = migrationTables();
        assertEquals(created, owner.keySet(), "every table of the migrations has one owning module (@Module on its"
                + " package-info.java), and an owned table exists");
        Set<String> violations = new TreeSet<>();
        for (Path file : javaFiles()) {
            String module = SOURCES.relativize(file).getName(0).toString();
            if (GROUND_FLOOR.contains(module)) {
                continue;
            }
            for (String table : sqlTables(read(file), created)) {
                if (!module.equals(owner.get(table))) {
                    violations.add(SOURCES.relativize(file) + " names " + table + " (" + owner.get(table) + "'s)");
                }
            }
        }
        for (JavaClass c : CLASSES) {
            c.tryGetAnnotationOfType(MappedEntity.class).ifPresent(entity -> {
                String table = entity.value().isEmpty() ? c.getSimpleName().toLowerCase() : entity.value();
                if (!module(c.getName()).equals(owner.get(table))) {
                    violations.add(c.getName() + " maps " + table + " (" + owner.get(table) + "'s)");
                }
            });
        }
        assertTrue(violations.isEmpty(), "SQL names another module's table (ask that module's published types):\n"
                + String.join("\n", violations));
    }

    /**
     * The classes besides the stores that may hold the field cipher, each with its reason. A store ({@code ...Store})
     * owns its SQL, binding and sealing; a module's {@code ...SealedColumns} declares its contexts for key rotation.
     */
    private static final Map<String, String> CIPHER_HOLDERS = Map.of(
            "se.bredvid.platform.FieldKeyRotation", "platform infrastructure: re-seals every declared sealed column"
                    + " with the current key",
            "se.bredvid.platform.FormStamps", "derives its HMAC key for form stamps from the field keys"
                    + " (FieldCipher.Config); seals nothing",
            "se.bredvid.identity.TotpSecrets", "seals and opens the TOTP secret of StaffRepository's Micronaut Data"
                    + " entity, beside it (a repository interface cannot seal)",
            "se.bredvid.recruiting.Seals", "recruiting's sealing helper (the recruiting/<field>/<id> contexts),"
                    + " itself used by the module's stores only (checked below)");

    /** Sealing helpers that only their module's stores (and its SealedColumns) may use. */
    private static final Set<String> STORE_ONLY_HELPERS = Set.of("se.bredvid.recruiting.Seals");

    private static String topLevel(JavaClass c) {
        String name = c.getName();
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    private static boolean storeOrSealedColumns(String topLevelName) {
        String simple = topLevelName.substring(topLevelName.lastIndexOf('.') + 1);
        return simple.endsWith("Store") || simple.endsWith("SealedColumns");
    }

    @Test
    void onlyStoresSealAndOpen() {
        String cipher = FieldCipher.class.getName();
        Set<String> violations = new TreeSet<>();
        Set<String> holders = new TreeSet<>();
        for (JavaClass c : CLASSES) {
            String from = topLevel(c);
            if (generated(c) || from.equals(cipher)) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = topLevel(d.getTargetClass());
                if (to.equals(cipher) && !storeOrSealedColumns(from)) {
                    holders.add(from);
                    if (!CIPHER_HOLDERS.containsKey(from)) {
                        violations.add(from + " -> " + d.getTargetClass().getName());
                    }
                }
                if (STORE_ONLY_HELPERS.contains(to) && !to.equals(from) && !storeOrSealedColumns(from)) {
                    violations.add(from + " -> " + to);
                }
            }
        }
        assertTrue(violations.isEmpty(), "seals or opens outside a store (call a named store method that answers"
                + " and takes the value in clear; or list the class in CIPHER_HOLDERS with the reason):\n"
                + String.join("\n", violations));
        assertEquals(new TreeSet<>(CIPHER_HOLDERS.keySet()), holders, "CIPHER_HOLDERS lists exactly the classes"
                + " outside the stores that use the field cipher (drop an exception that is no longer needed)");
    }

    // ---- reading the code ----

    /** Table -> owning module, from the {@link Module} annotations; a table owned twice fails here. */
    static Map<String, String> tableOwners() {
        Map<String, String> owner = new TreeMap<>();
        for (String module : featureModules()) {
            Module declared = modulePackage(module).getAnnotation(Module.class);
            assertTrue(declared != null, "se.bredvid." + module + " has no @Module on its package-info.java");
            for (String table : declared.tables()) {
                String before = owner.put(table, module);
                assertTrue(before == null, table + " is owned by both " + before + " and " + module);
            }
        }
        return owner;
    }

    private static Package modulePackage(String module) {
        try {
            return Class.forName(ROOT + module + ".package-info").getPackage();
        } catch (ClassNotFoundException e) {
            throw new AssertionError("se.bredvid." + module + " has no package-info.java with @Module", e);
        }
    }

    static Set<String> featureModules() {
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(m -> !GROUND_FLOOR.contains(m)).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tables that exist after every migration (created, not dropped since, renamed where renamed). */
    static Set<String> migrationTables() {
        Set<String> tables = new TreeSet<>();
        Pattern statement = Pattern.compile("(create table (?:if not exists )?|drop table (?:if exists )?|alter table (?:if exists )?)([a-z_]+)(?: rename to ([a-z_]+))?");
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            List<Path> ordered = files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
            for (Path f : ordered) {
                Matcher m = statement.matcher(stripSqlComments(read(f)).toLowerCase());
                while (m.find()) {
                    if (m.group(1).startsWith("create")) {
                        tables.add(m.group(2));
                    } else if (m.group(1).startsWith("drop")) {
                        tables.remove(m.group(2));
                    } else if (m.group(3) != null) {
                        tables.remove(m.group(2));
                        tables.add(m.group(3));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static String stripSqlComments(String sql) {
        return sql.replaceAll("--[^\\n]*", "");
    }

    private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern TABLE_REF = Pattern.compile("\\b(?:from|join|into|update|table|references)\\s+([a-z_]+)");

    /** Every table of {@code known} that a string literal or text block of this source names after a SQL keyword. */
    static Set<String> sqlTables(String source, Set<String> known) {
        Set<String> found = new TreeSet<>();
        Matcher strings = STRING.matcher(source.replaceAll("(?m)^\\s*(//|\\*|/\\*).*$", ""));
        while (strings.find()) {
            String literal = strings.group(1) != null ? strings.group(1) : strings.group(2);
            Matcher m = TABLE_REF.matcher(literal.toLowerCase());
            while (m.find()) {
                if (known.contains(m.group(1))) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }

    /** Module -> modules it uses, from the bytecode and from the sources' names of other modules. */
    static Map<String, Set<String>> moduleGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (JavaClass c : CLASSES) {
            String from = module(c.getName());
            if (from == null) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = module(d.getTargetClass().getName());
                if (to != null && !to.equals(from)) {
                    graph.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
                }
            }
        }
        sourceEdges().forEach((from, tos) -> graph.computeIfAbsent(from, k -> new TreeSet<>()).addAll(tos));
        return graph;
    }

    private static final Pattern MODULE_NAME = Pattern.compile("\\bse\\.bredvid\\.([a-z]+)\\.");

    /** Edges the sources show: every {@code se.bredvid.x.} in an import or a qualified name, comments aside. */
    static Map<String, Set<String>> sourceEdges() {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (Path file : javaFiles()) {
            String from = SOURCES.relativize(file).getName(0).toString();
            String code = read(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
            Matcher m = MODULE_NAME.matcher(code);
            while (m.find()) {
                if (!m.group(1).equals(from)) {
                    edges.computeIfAbsent(from, k -> new TreeSet<>()).add(m.group(1));
                }
            }
        }
        return edges;
    }

    /** One cycle of the graph as a path (first node repeated at the end), or empty when there is none. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>(); // 1 = on the current path, 2 = done
        for (String start : graph.keySet()) {
            Deque<String> path = new ArrayDeque<>();
            List<String> found = visit(start, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state, Deque<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return List.of();
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>();
            boolean on = false;
            for (var it = path.descendingIterator(); it.hasNext(); ) {
                String n = it.next();
                on |= n.equals(node);
                if (on) {
                    cycle.add(n);
                }
            }
            cycle.add(node);
            return cycle;
        }
        state.put(node, 1);
        path.push(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            List<String> found = visit(next, graph, state, path);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.pop();
        state.put(node, 2);
        return List.of();
    }

    private static List<Path> javaFiles() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the checks check: each fails on the mistake it exists for ----

    @Test
    void theCycleCheckFindsACycle() {
        assertEquals(List.of("a", "b", "c", "a"), cycle(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")))));
        assertEquals(List.of(), cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of())));
    }

    @Test
    void theTableCheckReadsTextBlocksAndStrings() {
        Set<String> known = Set.of("volunteer", "conversation", "checkin");
        String source = "class X { String a = \"select * from volunteer\"; String b = \"\"\"\n  select k.id from checkin k\n"
                + "  join conversation c on c.id = k.conversation_id\"\"\"; // from nothing\n String c = \"the volunteer\"; }";
        assertEquals(Set.of("volunteer", "checkin", "conversation"), sqlTables(source, known));
    }
}
