package com.refundhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own {@code promtool}, from Debian's {@code prometheus} package ({@code bash .ci/run} installs it): a
 * metrics page is checked by the tool Prometheus users trust, not by rules of our own.
 */
public final class Promtool {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    public record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** {@code promtool check metrics} over {@code page}: its exit code and whatever it printed. */
    public static Result checkMetrics(String page) {
        if (!Files.isExecutable(PROMTOOL)) {
            throw new IllegalStateException("the metrics tests need Prometheus' promtool: apt-get install -y "
                    + "--no-install-recommends prometheus (bash .ci/run installs it)");
        }
        try {
            Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(page.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("promtool did not finish in 60 s");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
