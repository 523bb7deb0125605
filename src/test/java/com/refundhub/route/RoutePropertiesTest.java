package com.refundhub.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exchange properties are defined once ({@link RouteProperties}): every name the YAML routes use is defined
 * there, Java uses the definitions and never a raw name, and no route goes ahead on a property that is missing.
 */
class RoutePropertiesTest {
    private static final Path ROUTES = Path.of("routes");
    private static final Pattern READ = Pattern.compile("exchangeProperty(?:\\.|\\[\\s*'?)([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern RAW_IN_JAVA = Pattern.compile(
            "\\bexchange\\.(?:get|set|remove)Property\\(\\s*\"|@ExchangeProperty\\(");

    @Test
    void everyPropertyNameInTheRoutesIsDefined() throws IOException {
        Set<String> defined = RouteProperties.all().stream().map(RouteProperty::name).collect(Collectors.toSet());
        Map<String, Set<String>> used = namesUsedByRoutes();
        assertThat(used).as("the routes read and set properties").containsKeys("callProvider", "created", "refundId",
                "outcomeKind", "resendAllowed", "fileReadable", "moveTo", "providerUri");
        Map<String, Set<String>> undefined = new TreeMap<>(used);
        undefined.keySet().removeAll(defined);
        assertThat(undefined).as("property names used in routes/ but not defined in RouteProperties").isEmpty();
    }

    @Test
    void namesAreDefinedOnce() {
        List<String> names = RouteProperties.all().stream().map(RouteProperty::name).toList();
        assertThat(names).hasSizeGreaterThan(20).doesNotHaveDuplicates();
    }

    @Test
    void javaUsesTheDefinitionsNotRawNames() throws IOException {
        List<String> raw = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (RAW_IN_JAVA.matcher(lines.get(i)).find()) {
                        raw.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertThat(raw).as("exchange properties read or written by a raw name").isEmpty();
    }

    /** {@code != true} is true when the property is missing: a renamed or forgotten flag would let the route go ahead. */
    @Test
    void noRouteGoesAheadOnAMissingProperty() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : routeFiles()) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("exchangeProperty") && lines.get(i).matches(".*!=\\s*(true|'true').*")) {
                    found.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertThat(found).isEmpty();
    }

    /** Name → the route files using it: read as {@code exchangeProperty.X} or set/removed by name. */
    static Map<String, Set<String>> namesUsedByRoutes() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        for (Path f : routeFiles()) {
            String text = Files.readString(f);
            Matcher m = READ.matcher(text);
            while (m.find()) {
                used.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(f.toString());
            }
            for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
                collectSetNames(doc, name -> used.computeIfAbsent(name, k -> new TreeSet<>()).add(f.toString()));
            }
        }
        return used;
    }

    private static void collectSetNames(Object node, java.util.function.Consumer<String> sink) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if ((key.equals("setProperty") || key.equals("removeProperty")) && e.getValue() instanceof Map<?, ?> step) {
                    Object name = step.get("name");
                    if (name == null) {
                        name = step.get("propertyName");
                    }
                    sink.accept(String.valueOf(name));
                }
                collectSetNames(e.getValue(), sink);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectSetNames(item, sink));
        }
    }

    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROUTES)) {
            List<Path> all = files.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
            assertThat(all).as("route files under routes/").isNotEmpty();
            return all;
        }
    }
}
