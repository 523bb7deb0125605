package com.refundhub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Dependencies point inward: {@code core} uses nothing of the hub's, {@code ledger} only {@code core}. */
class DependencyTest {
    private static final Path SOURCES = Path.of("src/main/java/com/refundhub");
    private static final Pattern REFERENCE = Pattern.compile("\\bcom\\.refundhub\\.([a-z]+)\\b");

    @ParameterizedTest
    @CsvSource({"core, core", "ledger, core ledger"})
    void aPackageUsesOnlyWhatItMay(String pkg, String allowed) throws IOException {
        Set<String> may = Set.of(allowed.split(" "));
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> all = Files.list(SOURCES.resolve(pkg))) {
            files = all.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).as("sources of " + pkg).isNotEmpty();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = REFERENCE.matcher(lines.get(i));
                while (m.find()) {
                    if (!may.contains(m.group(1))) {
                        found.add(f.getFileName() + ":" + (i + 1) + " uses com.refundhub." + m.group(1));
                    }
                }
            }
        }
        assertThat(found).as(pkg + " may use only " + may).isEmpty();
    }
}
