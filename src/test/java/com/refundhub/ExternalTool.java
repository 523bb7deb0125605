package com.refundhub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A tool of the ecosystem run as its users run it (Prometheus' promtool, Redocly's linter...), installed by
 * {@code bash .ci/run}: a test that needs one fails, saying how to install it, when it is missing.
 */
public final class ExternalTool {
    public record Result(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    /**
     * Runs {@code executable} with {@code args}, {@code input} on its standard input, and waits at most two minutes.
     *
     * @param install how to install it, for the message when it is missing
     */
    public static Result run(Path executable, String install, Map<String, String> env, String input, String... args) {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " is missing: " + install + " (bash .ci/run installs it)");
        }
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(executable + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), out.trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
