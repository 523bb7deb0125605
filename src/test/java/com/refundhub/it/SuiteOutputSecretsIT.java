package com.refundhub.it;

import com.refundhub.SecretScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the unit and hub tests (surefire keeps each class's output in target/surefire-reports/*-output.txt),
 * scans everything the hubs logged during the suite for the configured secrets and for full signatures.
 * Each hub test also scans its own ledger, metrics and result files (HubTestSupport).
 */
class SuiteOutputSecretsIT {

    @Test
    void nothingTheHubsLoggedHoldsASecretOrASignature() throws Exception {
        SecretScan scan = SecretScan.ofFile(Path.of("config/application.properties"));
        scan.secrets().addAll(List.of("not-the-merchant-key", "not-the-key", "second-key", "it-key"));
        List<Path> outputs;
        try (Stream<Path> files = Files.list(Path.of("target/surefire-reports"))) {
            outputs = files.filter(f -> f.getFileName().toString().endsWith("-output.txt")).toList();
        }
        assertThat(outputs).as("the suite ran before this scan (mvn verify)").isNotEmpty();
        List<String> findings = new ArrayList<>();
        for (Path f : outputs) {
            int n = 0;
            for (String line : Files.readAllLines(f)) {
                n++;
                if (line.contains(" EmbeddedPostgres - ")) {
                    continue;   // the test database's own log names its binaries by hash
                }
                findings.addAll(scan.findings(f.getFileName() + ":" + n, line));
            }
        }
        assertThat(findings).isEmpty();
    }
}
