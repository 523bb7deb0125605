package com.refundhub.provider.contract;

import com.refundhub.HubTestSupport;
import com.refundhub.LogCapture;
import com.refundhub.Providers;
import com.refundhub.SampleChannel;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.provider.Descriptor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provider contract on a running hub: the same cases for every registered provider module, each on the
 * module's channel at the sandbox, amounts and currencies from the module.
 */
abstract class ProviderContractSupport extends HubTestSupport {
    static final Duration SETTLED = Duration.ofSeconds(30);
    /** everything the hub logs while the class runs (the log of one refund: lines naming it) */
    LogCapture hubLog;

    /**
     * Cases run several at a time (see {@link Staged}): a read timeout of 2 s (SLOW- answers after 5 s) keeps a
     * provider that is merely busy on a loaded machine from looking like one that timed out. The cases make each
     * provider fail on purpose, call after call (timeouts, 5xx, garbage): its channel's circuit breaker, which would
     * stop calling it after 5 in a row, is set out of their way (ProviderOutageTest tests the breaker).
     */
    @Override
    protected void configure(Map<String, String> settings) {
        settings.put("refundhub.sandbox.slow-delay", "5s");
        for (SampleChannel channel : Providers.channels()) {
            settings.put("refundhub.channels." + channel.name() + ".read-timeout", "2s");
            settings.put("refundhub.channels." + channel.name() + ".breaker-failures", "10000");
        }
    }

    @BeforeAll
    void captureHubLog() {
        hubLog = LogCapture.attach();
    }

    @AfterAll
    void stopCapturingHubLog() {
        hubLog.close();
    }

    /** For every registered provider, its cases, started together across providers, checked provider by provider. */
    static Stream<DynamicContainer> forEveryProvider(Function<Descriptor, List<Staged>> cases) {
        List<Descriptor> modules = Providers.descriptors();
        List<Integer> counts = new ArrayList<>();
        List<Staged> all = new ArrayList<>();
        for (Descriptor m : modules) {
            List<Staged> ofModule = cases.apply(m);
            counts.add(ofModule.size());
            ofModule.forEach(c -> all.add(new Staged(m.name() + ": " + c.name(), c.start())));
        }
        List<DynamicTest> started = Staged.run(all);
        List<DynamicContainer> containers = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < modules.size(); i++) {
            containers.add(DynamicContainer.dynamicContainer(modules.get(i).name(), started.subList(from, from + counts.get(i))));
            from += counts.get(i);
        }
        return containers.stream();
    }

    static SampleChannel channel(Descriptor module) {
        return Providers.channelOf(module);
    }

    /** Posts a sample refund on the module's channel; 202 expected. */
    HttpResponse<String> submit(String refundId, String orderId, SampleChannel channel) {
        HttpResponse<String> r = refund(refundId, orderId, channel.name(), channel.amountJson());
        assertThat(r.statusCode()).as(refundId + " " + r.body()).isEqualTo(202);
        return r;
    }

    RefundRecord record(String refundId) {
        return ledger().find(refundId, true).orElseThrow(() -> new AssertionError("no record of " + refundId));
    }

    RefundRecord awaitStatus(String refundId, RefundStatus status) {
        return awaitStatus(refundId, status, SETTLED);
    }

    /** Waits until the hub has asked the provider about the refund at least {@code n} times, and returns it then. */
    RefundRecord awaitInquiries(String refundId, int n) {
        await().atMost(SETTLED).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> record(refundId).inquiries() >= n);
        return record(refundId);
    }

    /** The hub said, at ERROR, that the channel's credentials were refused, naming the channel and the refund. */
    void authFailureLogged(String channel, String refundId, String providerCode) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(hubLog.lines()).anySatisfy(l -> {
            assertThat(l.level()).isEqualTo(Level.ERROR);
            assertThat(l.message()).contains("channel " + channel).contains(refundId)
                    .contains(providerCode == null ? "" : providerCode);
        }));
    }
}
