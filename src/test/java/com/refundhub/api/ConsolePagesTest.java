package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.ApiTraffic;
import com.refundhub.HubTestSupport;
import com.refundhub.core.Money;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the hub serves the operator console (SPEC §8.4): from the jar, at {@code /console/}, without a key, with the
 * right types and cache headers, nothing else under that path, and nothing of it an API operation — the console is no
 * endpoint of {@code /openapi.json} nor of the REST DSL's role matrix. And what its files may not do: load anything
 * from elsewhere, or turn text into HTML.
 */
class ConsolePagesTest extends HubTestSupport {
    private static final Path FILES = Path.of("src/main/resources/console");

    private HttpResponse<String> fetch(String method, String path, String... headers) {
        HttpRequest.Builder b = request(path).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    @Test
    void theConsoleIsServedFromTheJarWithoutAKey() {
        HttpResponse<String> bare = fetch("GET", "/console");
        assertThat(bare.statusCode()).isEqualTo(301);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");

        HttpResponse<String> page = fetch("GET", "/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ConsolePages.POLICY);
        assertThat(page.body()).contains("data-testid=\"api-key\"").contains("data-testid=\"login\"");
        assertThat(fetch("GET", "/console/index.html").body()).isEqualTo(page.body());

        Map<String, String> types = Map.of("/console/console.css", "text/css; charset=utf-8",
                "/console/js/main.js", "text/javascript; charset=utf-8", "/console/favicon.svg", "image/svg+xml");
        types.forEach((path, type) -> {
            HttpResponse<String> r = fetch("GET", path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValue(type);
        });

        String etag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = fetch("GET", "/console/", "If-None-Match", etag);
        assertThat(again.statusCode()).as("unchanged: not sent again").isEqualTo(304);
        assertThat(again.body()).isEmpty();
        HttpResponse<String> head = fetch("HEAD", "/console/");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Length")).hasValue(String.valueOf(page.body().getBytes(
                java.nio.charset.StandardCharsets.UTF_8).length));
    }

    @Test
    void everyFileThePageNamesIsServed() throws IOException {
        for (Path f : files()) {
            String name = FILES.relativize(f).toString();
            HttpResponse<String> r = fetch("GET", "/console/" + name);
            assertThat(r.statusCode()).as(name).isEqualTo(200);
            assertThat(r.body()).as(name).isEqualTo(Files.readString(f));
        }
        Matcher imports = Pattern.compile("(?:src|href)=\"([^\"#]+)\"|from '\\./([^']+)'").matcher(
                Files.readString(FILES.resolve("index.html")) + Files.readString(FILES.resolve("js/main.js")));
        while (imports.find()) {
            String name = imports.group(1) != null ? imports.group(1) : "js/" + imports.group(2);
            assertThat(fetch("GET", "/console/" + name).statusCode()).as(name).isEqualTo(200);
        }
    }

    @Test
    void nothingElseUnderConsoleIsServed() {
        for (String path : List.of("/console/nope.js", "/console/ConsolePages.class", "/console/index.html.bak",
                "/console/js/", "/console/.hidden.js", "/console/Index.html")) {
            HttpResponse<String> r = fetch("GET", path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(json(r).get("code").asText()).isEqualTo("NOT_FOUND");
        }
        for (String raw : List.of("/console/..%2F..%2Fpom.xml", "/console/%2e%2e/config/application.properties",
                "/console/../openapi/refundhub.json", "/console/js/..%2Fjs%2Fmain.js%00.css")) {
            ApiTraffic.Interaction i = sendRaw("GET", raw);
            assertThat(i.status()).as(raw).isIn(400, 404);
            assertThat(i.body()).as(raw).doesNotContain("refundhub.").doesNotContain("<project");
        }
        HttpResponse<String> post = call("POST", "/console/", null, "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(json(post).get("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void theConsoleIsNoApiOperation() {
        JsonNode paths = json(get("/openapi.json", null)).get("paths");
        paths.fieldNames().forEachRemaining(p -> assertThat(p).doesNotStartWith(ConsolePages.PATH));
        assertThat(Endpoints.of(context).all()).extracting(Endpoints.Endpoint::path)
                .noneMatch(p -> p.startsWith(ConsolePages.PATH));
    }

    @Test
    void thePageLoadsNothingFromElsewhereAndNeverTurnsTextIntoHtml() throws IOException {
        Pattern elsewhere = Pattern.compile("(?i:https?:)?//[A-Za-z0-9.-]+\\.[A-Za-z]{2,}|@import|(?<![A-Za-z])url\\(");
        Pattern html = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(|new Function"
                + "|localStorage\\.setItem|\\.cookie\\s*=");
        for (Path f : files()) {
            String text = Files.readString(f).replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assertThat(elsewhere.matcher(text).results().map(m -> m.group()).toList()).as(f + " loads from elsewhere")
                    .isEmpty();
            assertThat(html.matcher(text).results().map(m -> m.group()).toList()).as(f + " writes HTML or keeps the key")
                    .isEmpty();
        }
        String index = Files.readString(FILES.resolve("index.html"));
        assertThat(index).as("no inline script or style: the policy allows the page's own files only")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("style=").doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void everyTestHookOfTheSpecIsInThePage() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path f : files()) {
            all.append(Files.readString(f));
        }
        for (String id : List.of("api-key", "login", "status-count", "review-row", "resolve-status", "resolve-note",
                "resolve-submit", "resolve-confirm", "search", "refund-detail", "history-entry", "batch-row")) {
            assertThat(all).as(id).containsPattern("['\"]?data-testid['\"]?(:\\s*|=)['\"]" + id + "['\"]");
        }
    }

    @Test
    void theConsoleFormatsAmountsWithTheHubsCurrencyExponents() throws IOException {
        Matcher table = Pattern.compile("const EXPONENTS = \\{([^}]*)}").matcher(Files.readString(FILES.resolve("js/dom.js")));
        assertThat(table.find()).isTrue();
        Map<String, Integer> shown = new LinkedHashMap<>();
        Pattern.compile("([A-Z]{3}): (\\d)").matcher(table.group(1)).results()
                .forEach(m -> shown.put(m.group(1), Integer.parseInt(m.group(2))));
        Map<String, Integer> hub = new LinkedHashMap<>();
        Money.knownCurrencies().forEach(c -> hub.put(c, Money.exponent(c)));
        assertThat(shown).isEqualTo(hub);
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(FILES)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
            assertThat(files).isNotEmpty();
            return files;
        }
    }
}
