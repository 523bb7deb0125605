package com.refundhub.ledger;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded SQLite ledger and PostgreSQL take the same migrations: a version written for one is written for both. */
class MigrationSetsTest {

    @Test
    void everyVersionExistsForBothEngines() throws Exception {
        Set<String> sqlite = versions("db/sqlite");
        assertThat(sqlite).isNotEmpty().isEqualTo(versions("db/migration"));
    }

    private static Set<String> versions(String location) throws IOException, URISyntaxException {
        Path dir = Path.of(MigrationSetsTest.class.getClassLoader().getResource(location).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> out = new TreeSet<>();
            files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .forEach(n -> out.add(n.substring(0, n.indexOf("__"))));
            return out;
        }
    }
}
