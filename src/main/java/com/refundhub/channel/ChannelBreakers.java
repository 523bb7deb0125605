package com.refundhub.channel;

import com.refundhub.config.ChannelConfig;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.route.RouteProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker per channel (SPEC §8.5), resilience4j's: after {@code breaker-failures} calls in a row that were not
 * delivered or got no usable answer, the channel opens and no call may go out for {@code breaker-open-for} (doubled at
 * each re-open, up to 2m); then it is half-open and one call probes it; the probe's success closes it. A well-formed
 * answer, a refusal included, is a success: the provider is there.
 *
 * <p>Used directly rather than through camel-resilience4j's EIP: the permission is asked before the refund is marked
 * SUBMITTED (a refund the channel cannot take stays RECEIVED), and whether the call failed is known only after its
 * answer has been verified and mapped (route {@code outcome}); the EIP wraps one block of steps and judges it by the
 * exceptions thrown inside. Here a call holds a permit (fact {@code breakerPermit}) from the first step to the last.
 *
 * <p>Each instance of the hub has its own breakers (in memory): they are not shared in a cluster.
 */
public final class ChannelBreakers {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelBreakers.class);

    /** A channel's state, as {@code /health} shows it. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    /** opens since the channel was last closed: the n-th open lasts openFor × 2^(n-1), as resilience4j counts */
    private final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
    private final Map<String, IntervalFunction> openFor = new ConcurrentHashMap<>();
    private final List<Consumer<String>> callsAllowed = new CopyOnWriteArrayList<>();

    public ChannelBreakers(Collection<ChannelConfig> channels) {
        for (ChannelConfig channel : channels) {
            ChannelConfig.Breaker b = channel.getBreaker();
            IntervalFunction waits = IntervalFunction.ofExponentialBackoff(b.openFor(), 2, b.maxOpenFor());
            CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                    // "calls in a row": the last N calls, all of them failures
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(b.failures()).minimumNumberOfCalls(b.failures()).failureRateThreshold(100)
                    // a slow answer is still an answer: the read timeout decides when there is none
                    .slowCallRateThreshold(100).slowCallDurationThreshold(Duration.ofDays(1))
                    .waitIntervalFunctionInOpenState(waits)
                    .permittedNumberOfCallsInHalfOpenState(1)
                    // half-open by itself, so that the waiting refunds are sent (one probe) without an arrival
                    .automaticTransitionFromOpenToHalfOpenEnabled(true)
                    .build();
            CircuitBreaker breaker = CircuitBreaker.of(channel.getName(), config);
            opens.put(channel.getName(), new AtomicInteger());
            openFor.put(channel.getName(), waits);
            breaker.getEventPublisher().onStateTransition(e -> transitioned(channel, e));
            breakers.put(channel.getName(), breaker);
        }
    }

    /** Told the channel's name when it may take calls again (half-open: a probe; closed: all). */
    public void onCallsAllowed(Consumer<String> listener) {
        callsAllowed.add(listener);
    }

    public State state(String channel) {
        CircuitBreaker b = breakers.get(channel);
        if (b == null) {
            return State.CLOSED;
        }
        return switch (b.getState()) {
            case OPEN, FORCED_OPEN -> State.OPEN;
            case HALF_OPEN -> State.HALF_OPEN;
            default -> State.CLOSED;
        };
    }

    /** Every channel's state, by name. */
    public Map<String, State> states() {
        Map<String, State> all = new TreeMap<>();
        breakers.keySet().forEach(name -> all.put(name, state(name)));
        return all;
    }

    /** How many waiting refunds the channel may be given now: none while open, one probe while half-open, else {@code all}. */
    public int capacity(String channel, int all) {
        return switch (state(channel)) {
            case OPEN -> 0;
            case HALF_OPEN -> 1;
            case CLOSED -> all;
        };
    }

    // ---- one call, on an exchange ----

    /** Asks the channel for one call; sets and returns the fact {@code breakerPermit}. */
    public boolean takePermit(Exchange exchange) {
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        CircuitBreaker b = breakers.get(channel.getName());
        boolean permitted = b == null || b.tryAcquirePermission();
        RouteProperties.BREAKER_PERMIT.set(exchange, permitted && b != null);
        return permitted;
    }

    /**
     * The call's outcome is known (route {@code outcome}, after {@code outcomeFacts}): not delivered or no usable answer
     * is a failure, any other answer a success; a call that never went out gives its permit back.
     */
    public void callEnded(Exchange exchange) {
        if (!RouteProperties.BREAKER_PERMIT.isTrue(exchange)) {
            return;
        }
        RouteProperties.BREAKER_PERMIT.set(exchange, false);
        CircuitBreaker b = breakers.get(RouteProperties.CHANNEL.require(exchange).getName());
        ProviderOutcome.Kind kind = RouteProperties.OUTCOME_KIND.get(exchange);
        if (!RouteProperties.PROVIDER_CALLED.isTrue(exchange) || kind == null) {
            b.releasePermission();
        } else if (kind == ProviderOutcome.Kind.UNKNOWN || kind == ProviderOutcome.Kind.NOT_DELIVERED) {
            b.onError(0, TimeUnit.NANOSECONDS, new ProviderUnavailable(RouteProperties.OUTCOME.require(exchange).detail()));
        } else {
            b.onSuccess(0, TimeUnit.NANOSECONDS);
        }
    }

    /** Whatever happened (a step failed before the outcome was known): a permit still held is given back. */
    public void releasePermit(Exchange exchange) {
        if (RouteProperties.BREAKER_PERMIT.isTrue(exchange)) {
            RouteProperties.BREAKER_PERMIT.set(exchange, false);
            breakers.get(RouteProperties.CHANNEL.require(exchange).getName()).releasePermission();
        }
    }

    /** How long the channel stays open the {@code n}-th time in a row (resilience4j counts opens the same way). */
    Duration openFor(String channel, int n) {
        return Duration.ofMillis(openFor.get(channel).apply(n));
    }

    // ---- transitions: one log line each ----

    private void transitioned(ChannelConfig channel, CircuitBreakerOnStateTransitionEvent e) {
        String name = channel.getName();
        switch (e.getStateTransition().getToState()) {
            case OPEN -> {
                int n = opens.get(name).incrementAndGet();
                Duration openFor = openFor(name, n);
                if (n == 1) {
                    LOG.warn("channel {} is OPEN: {} calls in a row were not delivered or got no usable answer; nothing is "
                            + "sent or inquired on it for {}, its refunds wait as RECEIVED", name,
                            channel.getBreaker().failures(), openFor);
                } else {
                    LOG.warn("channel {} is OPEN again: the probe failed; next probe in {}", name, openFor);
                }
            }
            case HALF_OPEN -> {
                LOG.info("channel {} is HALF_OPEN: one call probes it", name);
                callsAllowed.forEach(l -> l.accept(name));
            }
            case CLOSED -> {
                opens.get(name).set(0);
                LOG.info("channel {} is CLOSED: the probe succeeded; waiting refunds are sent in arrival order", name);
                callsAllowed.forEach(l -> l.accept(name));
            }
            default -> LOG.info("channel {} is {}", name, e.getStateTransition().getToState());
        }
    }

    /** What a failed call is recorded as (the breaker keeps no exception of ours; no stack trace is made). */
    private static final class ProviderUnavailable extends Exception {
        ProviderUnavailable(String detail) {
            super(detail, null, false, false);
        }
    }
}
