package com.refundhub.channel;

import com.refundhub.LogCapture;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.ReasonCode;
import com.refundhub.channel.ChannelBreakers.State;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.provider.ProviderOutcome.Kind;
import com.refundhub.route.RouteProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A channel's circuit breaker on its own: calls in a row that were not delivered or got no usable answer open it, a
 * well-formed answer (a refusal too) is a success, one probe when half-open, its success closes the channel, and the
 * open time doubles while probes fail. Each transition is logged once.
 */
class ChannelBreakersTest {
    private final CamelContext camel = new DefaultCamelContext();

    @Test
    void breakerFailuresCallsInARowOpenTheChannelAndThenNoCallMayGoOut() {
        ChannelConfig channel = channel("down", 3, Duration.ofMinutes(10));
        ChannelBreakers breakers = new ChannelBreakers(List.of(channel));
        call(breakers, channel, Kind.NOT_DELIVERED);
        call(breakers, channel, Kind.UNKNOWN);
        assertThat(breakers.state("down")).isEqualTo(State.CLOSED);
        assertThat(breakers.capacity("down", 500)).isEqualTo(500);

        call(breakers, channel, Kind.UNKNOWN);
        assertThat(breakers.state("down")).isEqualTo(State.OPEN);
        assertThat(breakers.states()).containsEntry("down", State.OPEN);
        assertThat(breakers.capacity("down", 500)).isZero();
        Exchange refused = exchange(channel);
        assertThat(breakers.takePermit(refused)).isFalse();
        assertThat(RouteProperties.BREAKER_PERMIT.isTrue(refused)).isFalse();
    }

    @Test
    void aWellFormedAnswerARefusalIncludedIsASuccessAndBreaksTheRun() {
        ChannelConfig channel = channel("up", 3, Duration.ofMinutes(10));
        ChannelBreakers breakers = new ChannelBreakers(List.of(channel));
        for (Kind answer : List.of(Kind.FAILED, Kind.PENDING, Kind.SUCCEEDED, Kind.NO_SUCH_REFUND, Kind.UNTRUSTED)) {
            call(breakers, channel, Kind.UNKNOWN);
            call(breakers, channel, Kind.NOT_DELIVERED);
            call(breakers, channel, answer);
            assertThat(breakers.state("up")).as(answer.name()).isEqualTo(State.CLOSED);
        }
    }

    @Test
    void halfOpenLetsOneProbeThroughAndItsSuccessClosesTheChannel() {
        ChannelConfig channel = channel("probe", 2, Duration.ofMillis(100));
        ChannelBreakers breakers = new ChannelBreakers(List.of(channel));
        List<String> allowed = new CopyOnWriteArrayList<>();
        breakers.onCallsAllowed(allowed::add);
        call(breakers, channel, Kind.UNKNOWN);
        call(breakers, channel, Kind.UNKNOWN);
        assertThat(allowed).isEmpty();

        await().atMost(Duration.ofSeconds(10)).until(() -> breakers.state("probe") == State.HALF_OPEN);
        assertThat(allowed).as("told it may take a probe").containsExactly("probe");
        assertThat(breakers.capacity("probe", 500)).isEqualTo(1);
        Exchange probe = exchange(channel);
        assertThat(breakers.takePermit(probe)).isTrue();
        assertThat(breakers.takePermit(exchange(channel))).as("one probe at a time").isFalse();

        ended(breakers, probe, Kind.FAILED);
        assertThat(breakers.state("probe")).isEqualTo(State.CLOSED);
        assertThat(allowed).containsExactly("probe", "probe");
        assertThat(breakers.capacity("probe", 500)).isEqualTo(500);
    }

    @Test
    void aProbeThatNeverWentOutOrFailedOnTheWayGivesItsPermitBack() {
        ChannelConfig channel = channel("lost", 1, Duration.ofMillis(100));
        ChannelBreakers breakers = new ChannelBreakers(List.of(channel));
        call(breakers, channel, Kind.NOT_DELIVERED);
        await().atMost(Duration.ofSeconds(10)).until(() -> breakers.state("lost") == State.HALF_OPEN);

        Exchange notSent = exchange(channel);
        assertThat(breakers.takePermit(notSent)).isTrue();
        RouteProperties.PROVIDER_CALLED.set(notSent, false);   // another worker held the refund
        breakers.callEnded(notSent);
        Exchange failedStep = exchange(channel);
        assertThat(breakers.takePermit(failedStep)).as("the permit came back").isTrue();
        breakers.releasePermit(failedStep);   // a step threw before the outcome was known
        assertThat(breakers.takePermit(exchange(channel))).as("and came back again").isTrue();
        assertThat(breakers.state("lost")).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void theOpenTimeDoublesAtEachReopenUpToTwoMinutesOrTheConfiguredTimeIfLonger() {
        ChannelBreakers breakers = new ChannelBreakers(List.of(channel("default", 5, Duration.ofSeconds(5)),
                channel("long", 5, Duration.ofMinutes(10))));
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8).stream().map(n -> breakers.openFor("default", n)).toList())
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20),
                        Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofMinutes(2), Duration.ofMinutes(2),
                        Duration.ofMinutes(2));
        assertThat(breakers.openFor("long", 3)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aFailedProbeOpensTheChannelAgainForTwiceAsLongAndASuccessResetsThat() {
        ChannelConfig channel = channel("flaky", 1, Duration.ofMillis(100));
        ChannelBreakers breakers = new ChannelBreakers(List.of(channel));
        try (LogCapture log = LogCapture.attach()) {
            call(breakers, channel, Kind.UNKNOWN);
            await().atMost(Duration.ofSeconds(10)).until(() -> breakers.state("flaky") == State.HALF_OPEN);
            call(breakers, channel, Kind.NOT_DELIVERED);
            assertThat(breakers.state("flaky")).isEqualTo(State.OPEN);
            await().atMost(Duration.ofSeconds(10)).until(() -> breakers.state("flaky") == State.HALF_OPEN);
            call(breakers, channel, Kind.SUCCEEDED);
            assertThat(breakers.state("flaky")).isEqualTo(State.CLOSED);

            List<String> transitions = transitions(log);
            assertThat(transitions).as("each transition once, in order").hasSize(5);
            assertThat(transitions.get(0)).startsWith("channel flaky is OPEN:").contains("for PT0.1S");
            assertThat(transitions.get(1)).startsWith("channel flaky is HALF_OPEN");
            assertThat(transitions.get(2)).startsWith("channel flaky is OPEN again").contains("next probe in PT0.2S");
            assertThat(transitions.get(3)).startsWith("channel flaky is HALF_OPEN");
            assertThat(transitions.get(4)).startsWith("channel flaky is CLOSED");

            call(breakers, channel, Kind.UNKNOWN);
            assertThat(breakers.state("flaky")).isEqualTo(State.OPEN);
            assertThat(transitions(log).get(5)).as("open after a success: for the first time again")
                    .startsWith("channel flaky is OPEN:").contains("for PT0.1S");
        }
    }

    private static List<String> transitions(LogCapture log) {
        return log.lines().stream().filter(l -> l.logger().equals(ChannelBreakers.class.getName()))
                .map(LogCapture.Line::message).toList();
    }

    // ---- helpers ----

    private static ChannelConfig channel(String name, int failures, Duration openFor) {
        return new ChannelConfig(name, "trusty", "http://127.0.0.1:1/trusty", "/refund", "/query", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 4, List.of(Duration.ofSeconds(10)), Set.of("MMK"),
                new ChannelConfig.Breaker(failures, openFor), Map.of());
    }

    private Exchange exchange(ChannelConfig channel) {
        Exchange x = new DefaultExchange(camel);
        RouteProperties.CHANNEL.set(x, channel);
        return x;
    }

    /** One call that went out and ended as {@code kind}. */
    private void call(ChannelBreakers breakers, ChannelConfig channel, Kind kind) {
        Exchange x = exchange(channel);
        assertThat(breakers.takePermit(x)).as("a call of " + channel.getName()).isTrue();
        ended(breakers, x, kind);
    }

    private static void ended(ChannelBreakers breakers, Exchange x, Kind kind) {
        RouteProperties.PROVIDER_CALLED.set(x, true);
        RouteProperties.OUTCOME.set(x, new ProviderOutcome(kind, kind == Kind.FAILED ? ReasonCode.NOT_REFUNDABLE : null,
                null, null, null, "answered " + kind));
        RouteProperties.OUTCOME_KIND.set(x, kind);
        breakers.callEnded(x);
        assertThat(RouteProperties.BREAKER_PERMIT.isTrue(x)).isFalse();
    }
}
