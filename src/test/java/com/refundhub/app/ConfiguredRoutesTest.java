package com.refundhub.app;

import com.refundhub.HubTestSupport;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.timer.TimerEndpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes' placeholders receive the checked, normalised values: durations in milliseconds whatever way they
 * were written, and the code's default for a key that no file names; a route whose {@code precondition} key is false
 * is not there.
 */
class ConfiguredRoutesTest extends HubTestSupport {
    @Override
    protected void configure(Map<String, String> settings) {
        settings.put("refundhub.batch.read-lock-interval", "2s");
        settings.put("refundhub.recovery.interval", "1m");
        settings.put("refundhub.events.interval", "250");
        settings.put("refundhub.retention.enabled", "false");
    }

    @Test
    void durationsReachTheRoutesAsMilliseconds() {
        // what any route's {{...}} receives: -D said 2s and 1m
        assertThat(context.resolvePropertyPlaceholders("{{refundhub.batch.read-lock-interval}}")).isEqualTo("2000");
        assertThat(context.resolvePropertyPlaceholders("{{refundhub.recovery.interval}}")).isEqualTo("60000");
        assertThat(context.resolvePropertyPlaceholders("{{refundhub.batch.progress-interval}}")).isEqualTo("10000");
        assertThat(endpoint("file:", GenericFileEndpoint.class).getReadLockCheckInterval()).isEqualTo(2000);
        assertThat(endpoint("timer://recovery", TimerEndpoint.class).getPeriod()).isEqualTo(60_000);
        assertThat(endpoint("timer://events", TimerEndpoint.class).getPeriod()).isEqualTo(250);
        // refundhub.batch.progress-interval: in no file and no -D, only in its definition (10s)
        assertThat(endpoint("timer://batch-progress", TimerEndpoint.class).getPeriod()).isEqualTo(10_000);
    }

    @Test
    void aRouteTurnedOffByItsKeyIsNotThere() {
        assertThat(context.getRoute("retention")).as("refundhub.retention.enabled=false").isNull();
        assertThat(context.getRoute("recovery")).isNotNull();
    }

    private <T extends Endpoint> T endpoint(String uriStart, Class<T> type) {
        return context.getEndpoints().stream().filter(e -> e.getEndpointUri().startsWith(uriStart)).map(type::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no endpoint " + uriStart + " in " + context.getEndpoints()));
    }
}
