package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox simulators in a process of their own ({@code SandboxMain}), so they outlive a hub that is
 * killed and remember every refund number they accepted.
 */
public final class SandboxProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static SandboxProcess start(Path dir, int port, String latency) throws Exception {
        Path config = dir.resolve("sandbox.properties");
        Files.writeString(config, "refundhub.sandbox.port=" + port + "\nrefundhub.sandbox.latency=" + latency + "\n");
        List<String> cmd = new ArrayList<>(List.of(HubProcess.javaBin(), "-Xmx256m", "-cp", HubProcess.JAR.toString(),
                "com.refundhub.sandbox.SandboxMain", config.toString()));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sandbox.log").toFile()).start();
        SandboxProcess s = new SandboxProcess(p, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                s.summary();
                return s;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("sandbox did not start: " + Files.readString(dir.resolve("sandbox.log")));
    }

    public int port() {
        return port;
    }

    /** {@code /_sandbox}: per simulator, refunds recorded, calls, double acceptances, repeated refund numbers. */
    public JsonNode summary() throws IOException, InterruptedException {
        return admin("");
    }

    /** {@code /_sandbox/count}: refunds recorded by all simulators (what the benchmark polls every second). */
    public long count() throws IOException, InterruptedException {
        return admin("/count").get("refunds").asLong();
    }

    /** {@code /_sandbox/TYPE/refunds/NUMBER}: what the simulator recorded of one refund number. */
    public JsonNode refund(String type, String refundNo) throws IOException, InterruptedException {
        return admin("/" + type + "/refunds/" + refundNo);
    }

    private JsonNode admin(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_sandbox"
                + path)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(r.body());
    }

    public long total(String field) throws IOException, InterruptedException {
        long sum = 0;
        for (JsonNode sim : summary()) {
            sum += sim.get(field).asLong();
        }
        return sum;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
