package com.refundhub.api;

import com.refundhub.ExternalTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI tools of npm that {@code tools/openapi-lint/package.json} pins: Redocly's CLI and swagger-cli, run with
 * Node as a user would (no usage reports, no update notice).
 */
final class OpenApiTools {
    static final Path BIN = Path.of("tools/openapi-lint/node_modules/.bin");
    private static final Map<String, String> QUIET = Map.of("REDOCLY_TELEMETRY", "off",
            "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");

    private OpenApiTools() {
    }

    static ExternalTool.Result run(String tool, String... args) {
        return ExternalTool.run(BIN.resolve(tool), "npm ci --prefix tools/openapi-lint", QUIET, "", args);
    }

    /** Redocly's stylish lines that name an error or a warning. */
    static List<String> problems(ExternalTool.Result lint) {
        return lint.output().lines().filter(l -> l.matches("\\s*\\d+:\\d+\\s+(error|warning)\\s.*")).toList();
    }
}
