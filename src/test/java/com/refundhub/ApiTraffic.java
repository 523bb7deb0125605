package com.refundhub;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Every HTTP exchange a hub test makes goes through {@link HubTestSupport}'s helpers and is recorded here; after the
 * test class, each answer of an operation the OpenAPI document describes is validated against the document the hub
 * serves, with swagger-request-validator: status code, content type and body schema. No hand-written schema checks.
 */
public final class ApiTraffic {
    /** One exchange as it went over the wire. */
    public record Interaction(String method, String path, int status, String contentType, String body) {
        public String operation() {
            return method + " " + path;
        }
    }

    private final List<Interaction> recorded = new CopyOnWriteArrayList<>();

    public void record(HttpRequest request, HttpResponse<String> response) {
        URI uri = request.uri();
        record(new Interaction(request.method(), uri.getRawPath(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body()));
    }

    public void record(Interaction interaction) {
        recorded.add(interaction);
    }

    public List<Interaction> recorded() {
        return List.copyOf(recorded);
    }

    /** The interactions whose answer does not match the document, each with what is wrong. */
    public static List<String> mismatches(String document, List<Interaction> interactions) {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .build();
        Map<Pattern, Set<String>> described = describedOperations(document);
        List<String> wrong = new ArrayList<>();
        for (Interaction i : interactions) {
            Request.Method method;
            try {
                method = Request.Method.valueOf(i.method().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (described.entrySet().stream().noneMatch(e -> e.getKey().matcher(i.path()).matches()
                    && e.getValue().contains(i.method().toLowerCase(Locale.ROOT)))) {
                continue;   // no operation of the document: those answers are held to the problem rules only
            }
            SimpleResponse.Builder response = SimpleResponse.Builder.status(i.status());
            if (i.contentType() != null) {
                response.withContentType(i.contentType());
            }
            if (i.body() != null && !i.body().isEmpty()) {
                response.withBody(i.body());
            }
            ValidationReport report = validator.validateResponse(i.path(), method, response.build());
            if (report.hasErrors()) {
                wrong.add(i.operation() + " -> " + i.status() + ": " + report.getMessages() + "\n    body: "
                        + abbreviate(i.body()));
            }
        }
        return wrong;
    }

    private static final Pattern INTERNALS = Pattern.compile("(?i)exception|\\bat [a-z]+\\.[a-z]|com\\.refundhub|"
            + "org\\.apache|io\\.vertx|java\\.[a-z]+\\.");

    /** Answers of 400 and over that are not a problem (RFC 9457 with the hub's code), or that show internals. */
    public static List<String> notProblems(List<Interaction> interactions) {
        List<String> wrong = new ArrayList<>();
        for (Interaction i : interactions) {
            if (i.status() < 400 || i.method().equals("HEAD")) {
                continue;
            }
            String why = null;
            if (!"application/problem+json".equals(i.contentType())) {
                why = "content type " + i.contentType();
            } else if (INTERNALS.matcher(i.body()).find()) {
                why = "internals shown";
            } else {
                try {
                    com.fasterxml.jackson.databind.JsonNode p = com.refundhub.core.Json.MAPPER.readTree(i.body());
                    if (p.path("status").asInt() != i.status() || p.path("title").asText().isBlank()
                            || !p.path("code").asText().matches("[A-Z_]+")) {
                        why = "no status, title or code";
                    }
                } catch (java.io.IOException e) {
                    why = "not JSON";
                }
            }
            if (why != null) {
                wrong.add(i.operation() + " -> " + i.status() + ": " + why + ": " + abbreviate(i.body()));
            }
        }
        return wrong;
    }

    /** The document's paths as patterns ({@code /refunds/{refundId}} matches {@code /refunds/R-1}), with their methods. */
    static Map<Pattern, Set<String>> describedOperations(String document) {
        Map<Pattern, Set<String>> out = new LinkedHashMap<>();
        try {
            com.refundhub.core.Json.MAPPER.readTree(document).path("paths").fields().forEachRemaining(p -> {
                Set<String> methods = new HashSet<>();
                p.getValue().fieldNames().forEachRemaining(methods::add);
                out.put(Pattern.compile(p.getKey().replaceAll("\\{[^/}]+}", "[^/]+")), methods);
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 400 ? s : s.substring(0, 400) + "...";
    }
}
