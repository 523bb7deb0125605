package com.refundhub.outage;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.LogCapture;
import com.refundhub.ProviderSwitch;
import com.refundhub.core.HistoryEntry;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.channel.ChannelBreakers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Hub tests of providers that are down: channels of type trusty whose base URL is a {@link ProviderSwitch} in front of
 * the sandbox, so that a test can take one provider down, blackhole it, put a 503 gateway before it, and bring it back.
 */
abstract class OutageTestSupport extends HubTestSupport {
    private final Map<String, ProviderSwitch> switches = new LinkedHashMap<>();

    /**
     * Channel {@code name}, like {@code trusty} (its account, a read timeout and inquiry backoff of 1 s), at a switch in
     * {@code mode}; {@code changes} are more keys of the channel.
     */
    protected ProviderSwitch switchedChannel(Map<String, String> settings, String name, ProviderSwitch.Mode mode,
                                             Map<String, String> changes) {
        try {
            ProviderSwitch s = ProviderSwitch.start(sandboxPort, mode);
            switches.put(name, s);
            sandboxChannelLike(settings, name, "trusty", changes);
            settings.put("refundhub.channels." + name + ".base-url", "http://127.0.0.1:" + s.port() + "/trusty");
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void closeSwitches() {
        switches.values().forEach(ProviderSwitch::close);
    }

    /** The channel's state as {@code GET /health} shows it; the hub stays UP whatever it is. */
    protected String healthState(String channel) {
        JsonNode health = json(get("/health", null));
        org.assertj.core.api.Assertions.assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("UP");
        return health.path("channels").path(channel).path("state").asText();
    }

    /** {@code refundhub_channel_open{channel=...}} as {@code /metrics} shows it. */
    protected String channelOpenMetric(String channel) {
        String prefix = "refundhub_channel_open{channel=\"" + channel + "\"} ";
        return get("/metrics", null).body().lines().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length())).findFirst().orElse("missing");
    }

    protected static List<RefundStatus> statuses(RefundRecord r) {
        return r.history().stream().map(HistoryEntry::to).toList();
    }

    /** The breaker's log lines about {@code channel}, in order. */
    protected static List<String> transitions(LogCapture log, String channel) {
        List<String> out = new ArrayList<>();
        for (LogCapture.Line l : log.lines()) {
            if (l.logger().equals(ChannelBreakers.class.getName()) && l.message().startsWith("channel " + channel + " is ")) {
                out.add(l.message());
            }
        }
        return out;
    }

    /** The state a transition line names: OPEN, HALF_OPEN or CLOSED. */
    protected static String stateOf(String transition) {
        String rest = transition.substring(transition.indexOf(" is ") + 4);
        return rest.split("[ :]")[0];
    }
}
