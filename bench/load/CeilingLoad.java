package load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.refundhub.config.ChannelConfig;
import com.refundhub.config.ConfigSources;
import com.refundhub.config.HubSettings;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RequestParser;
import com.refundhub.app.RefundHubMain;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.NativeCrypto;
import com.refundhub.provider.Operation;
import com.refundhub.provider.OrderRefunds;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.provider.ProviderTypes;
import com.refundhub.provider.ProviderWire;
import com.refundhub.provider.WireInputs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The machine's ceiling for a run: a stateless client that sends the run's refunds straight to the providers of a
 * hub configuration (the simulators, with their latency), as many at once per channel as the channel's
 * max-concurrency, each one parsed, built, signed and its answer checked by the hub's own code — the providers'
 * descriptors through the one engine the hub's provider routes use (ProviderWire: build, sign, read), with the
 * signing provider the hub would select — over the HTTP client library the hub's calls use (Apache HttpClient 5).
 * Nothing is recorded: no ledger, no routes, no events. What the hub reaches against this is what its bookkeeping
 * costs.
 */
final class CeilingLoad {
    private final HubSettings settings;
    private final Map<String, Channel> channels = new LinkedHashMap<>();

    /** A channel with its provider's descriptor. */
    private record Channel(ChannelConfig config, Descriptor descriptor) {
    }

    CeilingLoad(Path hubConfig) {
        settings = HubSettings.read(ConfigSources.standard(hubConfig, "--config"), RefundHubMain::providerTypes);
        NativeCrypto.select(settings.crypto().nativeProvider());
        ProviderTypes types = (ProviderTypes) settings.channelTypes();
        for (ChannelConfig c : settings.channels().all()) {
            channels.put(c.getName(), new Channel(c, types.get(c.getType())));
        }
    }

    void run(Refunds refunds, int rows, Load.Options o) throws Exception {
        Map<String, List<Integer>> byChannel = new LinkedHashMap<>();
        for (int i = 0; i < rows; i++) {
            byChannel.computeIfAbsent(refunds.get(i).channel(), k -> new ArrayList<>()).add(i);
        }
        int connections = channels.values().stream().mapToInt(c -> c.config().getMaxConcurrency()).sum();
        Latencies latencies = new Latencies(rows);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        try (CloseableHttpClient http = HttpClients.custom().disableAutomaticRetries().disableRedirectHandling()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setMaxConnTotal(connections)
                        .setMaxConnPerRoute(connections).build()).build()) {
            List<Thread> workers = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> e : byChannel.entrySet()) {
                Channel channel = channels.get(e.getKey());
                if (channel == null) {
                    throw new IllegalArgumentException("the hub configuration has no channel " + e.getKey());
                }
                AtomicInteger next = new AtomicInteger();
                for (int w = 0; w < channel.config().getMaxConcurrency(); w++) {
                    workers.add(new Thread(() -> {
                        int k;
                        while ((k = next.getAndIncrement()) < e.getValue().size()) {
                            int i = e.getValue().get(k);
                            long t0 = System.nanoTime();
                            String outcome = refund(http, channel, refunds.get(i).json());
                            latencies.set(i, System.nanoTime() - t0);
                            outcomes.computeIfAbsent(outcome, x -> new LongAdder()).increment();
                        }
                    }, "ceiling-" + e.getKey() + "-" + w));
                }
            }
            o.ready();
            long start = System.nanoTime();
            workers.forEach(Thread::start);
            for (Thread t : workers) {
                t.join();
            }
            long wall = System.nanoTime() - start;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("rows", rows);
            result.put("wallSeconds", wall / 1e9);
            result.put("crypto", NativeCrypto.inUse());
            result.put("concurrency", byChannel.keySet().stream().collect(java.util.stream.Collectors.toMap(
                    ch -> ch, ch -> channels.get(ch).config().getMaxConcurrency(), (a, b) -> a, TreeMap::new)));
            result.putAll(latencies.percentiles());
            Map<String, Long> counts = new TreeMap<>();
            outcomes.forEach((k, v) -> counts.put(k, v.sum()));
            result.put("outcomes", counts);
            o.done(new ObjectMapper().writeValueAsString(result));
        }
    }

    /** One refund as the hub's provider route makes it: parse, build, sign, POST, read, the outcome-table row. */
    private String refund(CloseableHttpClient http, Channel channel, String json) {
        try {
            RefundRequest req = RequestParser.fromJson(RequestParser.parseJson(json, "body"));
            RefundRecord record = submitted(req);
            ChannelConfig c = channel.config();
            Descriptor d = channel.descriptor();
            ProviderWire.Draft draft = ProviderWire.build(d, Operation.REFUND, record, c, c.getRefundPath(), WireInputs.SYSTEM);
            ProviderWire.WireRequest w = ProviderWire.sign(draft, () -> ProviderWire.signingKeys(
                    d.refund().request().signature(), draft.scope()));
            HttpPost post = new HttpPost(c.getBaseUrl() + w.path());
            post.setConfig(RequestConfig.custom()
                    .setResponseTimeout(Timeout.ofMilliseconds(c.getReadTimeout().toMillis())).build());
            w.headers().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("Content-Type")) {
                    post.setHeader(k, v);
                }
            });
            post.setEntity(new StringEntity(w.body(), ContentType.parse(w.headers().get("Content-Type"))));
            String[] answer = new String[1];
            int status = http.execute(post, response -> {
                answer[0] = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                return response.getCode();
            });
            if (status / 100 != 2) {
                return "HTTP " + status;
            }
            ProviderAnswer a = ProviderWire.read(d, Operation.REFUND, answer[0], record,
                    ProviderWire.scope(d, record, c::setting, WireInputs.SYSTEM), () -> OrderRefunds.NONE);
            if (a.verdict() != ProviderAnswer.Verdict.VERIFIED && a.verdict() != ProviderAnswer.Verdict.UNSIGNED) {
                return a.verdict().name();
            }
            return ProviderOutcome.of(a).kind().name();
        } catch (Exception e) {
            return "exception " + e.getClass().getSimpleName();
        }
    }

    private static RefundRecord submitted(RefundRequest r) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return new RefundRecord(r.refundId(), r.orderId(), r.channel(), r.amount(), r.currency(), r.orderAmount(),
                r.reason(), r.operatorId(), r.terminalNo(), r.metadata(), RefundStatus.SUBMITTED, null, null, null, null,
                null, 1, 0, false, "CEILING", now, now, List.of());
    }
}
