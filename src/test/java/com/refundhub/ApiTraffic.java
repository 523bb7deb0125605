package com.refundhub;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        recorded.add(new Interaction(request.method(), uri.getRawPath(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), response.body()));
    }

    public List<Interaction> recorded() {
        return List.copyOf(recorded);
    }

    /** The interactions whose answer does not match the document, each with what is wrong. */
    public static List<String> mismatches(String document, List<Interaction> interactions) {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
                .build();
        List<Pattern> described = describedPaths(document);
        List<String> wrong = new ArrayList<>();
        for (Interaction i : interactions) {
            Request.Method method;
            try {
                method = Request.Method.valueOf(i.method().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (described.stream().noneMatch(p -> p.matcher(i.path()).matches())) {
                continue;   // a path no operation has: HttpProblemsTest holds those answers to the problem rules
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

    /** The document's paths as patterns ({@code /refunds/{refundId}} matches {@code /refunds/R-1}). */
    static List<Pattern> describedPaths(String document) {
        List<Pattern> out = new ArrayList<>();
        try {
            com.refundhub.core.Json.MAPPER.readTree(document).path("paths").fieldNames().forEachRemaining(
                    p -> out.add(Pattern.compile(p.replaceAll("\\{[^/}]+}", "[^/]+"))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 400 ? s : s.substring(0, 400) + "...";
    }
}
