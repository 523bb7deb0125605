package com.refundhub;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allowed arrows between the hub's packages, for every package. Dependencies point inward: {@code core} uses
 * nothing of the hub's, {@code ledger} only {@code core}; {@code provider} is pure wire code (descriptors, encodings,
 * signing recipes, outcome tables) and knows no ledger, no route, no HTTP call; call orchestration is {@code channel}'s;
 * the sandbox and the provider proof build on {@code provider} only; {@code trace} (OpenTelemetry) hooks into the
 * routes and the webhook dispatcher; {@code app} wires everything. A new package is a new line here.
 */
class DependencyTest {
    private static final Path SOURCES = Path.of("src/main/java/com/refundhub");
    private static final Pattern REFERENCE = Pattern.compile("\\bcom\\.refundhub\\.([a-z]+)\\b");
    private static final Set<String> EVERYTHING = Set.of("*");

    static final Map<String, Set<String>> ALLOWED = new TreeMap<>(Map.ofEntries(
            Map.entry("core", Set.of()),
            Map.entry("ledger", Set.of("core")),
            Map.entry("config", Set.of("core", "api")),
            Map.entry("provider", Set.of("core", "config")),
            Map.entry("sandbox", Set.of("core", "config", "provider")),
            Map.entry("proof", Set.of("core", "config", "provider", "sandbox")),
            Map.entry("route", Set.of("core", "config", "ledger", "provider", "intake")),
            Map.entry("channel", Set.of("core", "config", "ledger", "provider", "route")),
            Map.entry("flow", Set.of("core", "config", "ledger", "provider", "route", "channel")),
            Map.entry("intake", Set.of("core", "ledger", "route")),
            Map.entry("jms", Set.of("core", "ledger", "route")),
            Map.entry("trace", Set.of("core", "config", "ledger", "provider", "route")),
            Map.entry("webhook", Set.of("core", "config", "ledger", "route", "trace")),
            Map.entry("api", Set.of("core", "config", "ledger", "provider", "route", "channel", "intake")),
            Map.entry("app", EVERYTHING)));

    @Test
    void everyPackageUsesOnlyWhatItMay() throws IOException {
        List<String> found = new ArrayList<>();
        for (String pkg : packages()) {
            Set<String> may = ALLOWED.get(pkg);
            if (may == null) {
                found.add("package " + pkg + " has no line in DependencyTest.ALLOWED");
                continue;
            }
            for (Path f : sources(SOURCES.resolve(pkg))) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = REFERENCE.matcher(lines.get(i));
                    while (m.find()) {
                        String used = m.group(1);
                        if (!used.equals(pkg) && may != EVERYTHING && !may.contains(used)) {
                            found.add(SOURCES.relativize(f) + ":" + (i + 1) + " uses com.refundhub." + used);
                        }
                    }
                }
            }
        }
        assertThat(found).as("allowed: " + ALLOWED).isEmpty();
        assertThat(packages()).as("the packages the arrows are written for").containsAll(ALLOWED.keySet());
    }

    /**
     * A provider is a file: no Java source of the hub names one (code or comment), so that adding, changing or removing
     * a provider is a descriptor, never a build. The names are those of every descriptor shipped, tested or given as
     * an example.
     */
    @Test
    void noJavaSourceNamesAProvider() throws IOException {
        Set<String> names = new TreeSet<>(Providers.types().byName().keySet());
        try (Stream<Path> examples = Files.list(Path.of("examples/providers"))) {
            examples.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".provider.yaml"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".provider.yaml".length())));
        }
        assertThat(names).contains("trusty", "newpay", "scanforpay", "fourth", "wechat", "alipay");
        Pattern named = Pattern.compile("(?i)\\b(" + String.join("|", names) + ")\\b");
        List<String> found = new ArrayList<>();
        for (Path f : sources(SOURCES)) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = named.matcher(lines.get(i));
                if (m.find()) {
                    found.add(SOURCES.relativize(f) + ":" + (i + 1) + " names " + m.group(1));
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static List<String> packages() throws IOException {
        try (Stream<Path> all = Files.list(SOURCES)) {
            return all.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> sources(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
