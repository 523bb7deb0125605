package com.refundhub.sandbox;

import com.refundhub.config.KeyStores;
import com.refundhub.config.SandboxSettings;
import com.refundhub.core.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Collection;
import com.refundhub.provider.Descriptor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox (SPEC §7): a simulator of every provider type on one loopback port, each under {@code /TYPE}, played
 * from its descriptor, checking request signatures and signing answers. {@code /_sandbox/TYPE} shows what a
 * simulator recorded. Runs in the hub's process, or alone ({@link SandboxMain}).
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    private static final int MAX_BODY = 1 << 20;

    private final Map<String, Simulator> simulators = new LinkedHashMap<>();
    private final Duration latency;
    private HttpServer server;
    private ExecutorService threads;

    /**
     * @param settings  the checked {@code refundhub.sandbox.*} settings: the latency (how long after a request
     *                  arrives its answer leaves, processing included), the slow delay (longer than the channels'
     *                  read timeout), each simulator's merchant account
     * @param providers the provider types, each played from its descriptor's sandbox section
     */
    public Sandbox(SandboxSettings settings, Collection<Descriptor> providers) {
        this.latency = settings.latency();
        Scenarios scenarios = new Scenarios(settings.slowDelay(), settings.orderAmount());
        for (Descriptor d : providers) {
            simulators.put(d.name(), new Simulator(d, settings.simulator(d.name()), scenarios));
        }
    }

    public Sandbox start(String host, int port) throws IOException {
        return start(host, port, null);
    }

    /** As {@link #start(String, int)}; over HTTPS only when {@code tls} is set, requiring client certificates if it says. */
    public Sandbox start(String host, int port, SandboxSettings.Tls tls) throws IOException {
        // without TCP_NODELAY small answers on kept-alive connections wait for delayed ACKs (~40 ms each)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress(host, port), 512);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress(host, port), 512);
            SSLContext ssl = KeyStores.context(tls.keyStore(), tls.password(), tls.clientCa(), null, "TLS");
            https.setHttpsConfigurator(new HttpsConfigurator(ssl) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = ssl.getDefaultSSLParameters();
                    p.setNeedClientAuth(tls.clientCa() != null);
                    params.setSSLParameters(p);
                }
            });
            server = https;
        }
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::serve);
        server.start();
        LOG.info("sandbox simulators {} listening on {}://{}:{}{}", simulators.keySet(), tls == null ? "http" : "https",
                host, port(), tls != null && tls.clientCa() != null ? ", client certificates required" : "");
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Simulator simulator(String type) {
        return simulators.get(type);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private void serve(HttpExchange http) throws IOException {
        long received = System.nanoTime();
        try (http) {
            String path = http.getRequestURI().getPath();
            String[] parts = path.split("/", 3);   // "", type, rest
            if (parts.length >= 2 && "_sandbox".equals(parts[1])) {
                admin(http, parts.length > 2 ? parts[2] : "");
                return;
            }
            Simulator sim = parts.length >= 2 ? simulators.get(parts[1]) : null;
            if (sim == null) {
                send(http, new Simulator.Reply(404, "{\"error\":\"no such API\"}", 0));
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            http.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.isEmpty() ? "" : v.get(0)));
            String body = read(http.getRequestBody());
            Simulator.Reply reply;
            sim.book().callStarted();
            try {
                try {
                    String query = http.getRequestURI().getRawQuery();
                    reply = sim.handle(http.getRequestMethod(), (parts.length > 2 ? "/" + parts[2] : "/")
                            + (query == null ? "" : "?" + query), headers, body);
                } catch (Exception e) {
                    LOG.warn("sandbox {} could not handle {}: {}", sim.type(), path, e.toString());
                    reply = new Simulator.Reply(400, "{\"error\":\"bad request\"}", 0);
                }
                // the answer leaves `latency` after the request arrived, the simulator's own work included
                long spent = (System.nanoTime() - received) / 1_000_000;
                long wait = Math.max(0, latency.toMillis() - spent) + reply.delayMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            } finally {
                sim.book().callEnded();
            }
            switch (reply.fault()) {
                case RESET:
                    return;   // closes the connection without a word: the request was read and acted on
                case HTTP_500:
                case HTTP_502:
                case HTTP_503:
                    send(http, new Simulator.Reply(Integer.parseInt(reply.fault().name().substring(5)),
                            "<html><body>gateway trouble</body></html>", 0));
                    return;
                case GARBAGE:
                    send(http, Simulator.Reply.ok("<html><body>Welcome to nginx!</body></html>"));
                    return;
                case TRUNCATED:
                    send(http, Simulator.Reply.ok(reply.body().substring(0, reply.body().length() / 2)));
                    return;
                default:
                    send(http, reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("sandbox client went away: {}", e.toString());
        }
    }

    private void admin(HttpExchange http, String rest) throws IOException {
        String[] p = rest.split("/");
        Simulator sim = p.length > 0 ? simulators.get(p[0]) : null;
        if ("count".equals(rest)) {
            // cheap enough to poll every second during a million-row benchmark (the summary walks every refund)
            send(http, Simulator.Reply.ok(Json.write(Map.of("refunds",
                    simulators.values().stream().mapToInt(s -> s.book().size()).sum()))));
        } else if (sim == null) {
            Map<String, Object> all = new LinkedHashMap<>();
            simulators.forEach((t, s) -> all.put(t, s.book().summary()));
            send(http, Simulator.Reply.ok(Json.write(all)));
        } else if (p.length >= 3 && "refunds".equals(p[1])) {
            RefundBook.Entry e = sim.book().find(p[2]);
            send(http, e == null ? new Simulator.Reply(404, "{}", 0) : Simulator.Reply.ok(Json.write(RefundBook.view(e))));
        } else {
            send(http, Simulator.Reply.ok(Json.write(sim.book().summary())));
        }
    }

    private static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange http, Simulator.Reply reply) throws IOException {
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        http.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }
}
