package com.refundhub.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No code path rewrites the audit trail: no statement in the sources updates, deletes, merges into or truncates
 * {@code refund_history} (the database refuses it anyway: {@link OperationsLedgerContract#historyCannotBeUpdatedOrDeleted}).
 */
class AppendOnlyHistoryTest {
    private static final Pattern REWRITE = Pattern.compile(
            "(?is)\\b(UPDATE|DELETE\\s+FROM|MERGE\\s+INTO|TRUNCATE(\\s+TABLE)?)\\s+\"?refund_history\\b");

    @Test
    void noSourceRewritesHistory() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main"), Path.of("routes"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (REWRITE.matcher(Files.readString(f)).find()) {
                        found.add(f.toString());
                    }
                }
            }
        }
        assertThat(found).as("sources with SQL rewriting refund_history").isEmpty();
        assertThat(REWRITE.matcher("jdbc.update(\"DELETE FROM refund_history WHERE id = ?\")").find())
                .as("the scan sees such a statement").isTrue();
    }
}
