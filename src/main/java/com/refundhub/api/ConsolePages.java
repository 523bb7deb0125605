package com.refundhub.api;

import com.refundhub.core.Utf8;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;

/**
 * The operator console (SPEC §8.4): static HTML, CSS and JavaScript kept in the jar under {@code console/}, served at
 * {@code /console/} with no key (the page asks for one, and every data call it makes needs it). Not an API operation:
 * it is not in the REST DSL nor in {@code /openapi.json}. Only names made of lower-case letters, digits, dots and
 * dashes are looked up, so no request reaches outside that folder. Files are read once and answered from memory with
 * an ETag and {@code Cache-Control: no-cache} (a hub upgrade shows at the next load), and a Content-Security-Policy
 * that allows the page's own files only: no inline script, nothing from another origin.
 */
public class ConsolePages extends RouterInstaller {
    public static final String PATH = "/console";
    /** Everything the page may load comes from the hub itself; text from the ledger is never run. */
    public static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final String FOLDER = "/console/";
    private static final Pattern FILE = Pattern.compile("(?:[a-z0-9][a-z0-9-]*/)*[a-z0-9][a-z0-9.-]*\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml");

    /** One file as answered. */
    record Page(Buffer body, String type, String etag) {
    }

    private final Map<String, Optional<Page>> pages = new ConcurrentHashMap<>();

    @Override
    protected void install(Router router, CamelContext context) {
        router.routeWithRegex(Pattern.quote(PATH) + "(/.*)?").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        HttpMethod method = ctx.request().method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            ctx.response().putHeader("Allow", "GET, HEAD");
            HttpErrors.answer(ctx, new ApiProblem(405, method.name().replaceAll("[^A-Z]", "?")
                    + " is not allowed here; allowed: GET, HEAD"));
            return;
        }
        if (path.equals(PATH)) {
            ctx.response().setStatusCode(301).putHeader("Location", PATH + "/").end();
            return;
        }
        String name = path.substring(PATH.length() + 1);
        Optional<Page> page = find(name.isEmpty() ? "index.html" : name);
        if (page.isEmpty()) {
            ctx.next();   // not a file of the console: 404, as a problem
            return;
        }
        Page p = page.get();
        ctx.response().putHeader("Cache-Control", "no-cache").putHeader("ETag", p.etag())
                .putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Content-Security-Policy", POLICY);
        if (p.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response().putHeader("Content-Type", p.type());
        if (method.equals(HttpMethod.HEAD)) {
            ctx.response().putHeader("Content-Length", String.valueOf(p.body().length())).end();
        } else {
            ctx.response().end(p.body());
        }
    }

    /** The console's file of that name, read from the jar once; empty for any other name. */
    Optional<Page> find(String name) {
        Matcher m = FILE.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        return pages.computeIfAbsent(name, n -> load(n, TYPES.get(m.group(1))));
    }

    private static Optional<Page> load(String name, String type) {
        try (InputStream in = ConsolePages.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            if (type.startsWith("text/")) {
                Utf8.decode(bytes, name);   // a file that is not UTF-8 would show garbled: fail loudly instead
            }
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12) + "\"";
            return Optional.of(new Page(Buffer.buffer(bytes), type, etag));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
