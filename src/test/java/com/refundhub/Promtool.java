package com.refundhub;

import java.nio.file.Path;
import java.util.Map;

/**
 * Prometheus' own {@code promtool}, from Debian's {@code prometheus} package: a metrics page is checked by the tool
 * Prometheus users trust, not by rules of our own.
 */
public final class Promtool {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private Promtool() {
    }

    /** {@code promtool check metrics} over {@code page}: its exit code and whatever it printed. */
    public static ExternalTool.Result checkMetrics(String page) {
        return ExternalTool.run(PROMTOOL, "apt-get install -y --no-install-recommends prometheus", Map.of(), page,
                "check", "metrics");
    }
}
