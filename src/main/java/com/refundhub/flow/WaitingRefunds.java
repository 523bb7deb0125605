package com.refundhub.flow;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.RefundClaims;
import com.refundhub.ledger.Refunds;
import com.refundhub.channel.ChannelBreakers;
import com.refundhub.route.RouteProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refunds waiting for their channel (SPEC §8.5): RECEIVED, nobody holding them, code {@code PROVIDER_UNAVAILABLE}
 * when the channel was open or the send was not delivered, no code when their intake died before sending them. They
 * are sent by route {@code send-waiting}, oldest first (created_at, then refund id), as many as each channel's breaker
 * lets through: none while it is open, one probe while it is half-open.
 *
 * <p>A pass runs when one is due: at start, at each tick of the recovery loop, when a breaker lets calls through
 * again, when a refund went back to waiting on a channel that is not open, and after a pass that left more behind.
 * While refunds held for a channel are still waiting (its backlog, known to this instance), new refunds of that
 * channel join the end of the queue instead of overtaking it.
 */
public class WaitingRefunds {
    private static final Logger LOG = LoggerFactory.getLogger(WaitingRefunds.class);
    static final int BATCH = 500;

    private final Refunds refunds;
    private final RefundClaims claims;
    private final List<ChannelConfig> channels;
    private final ChannelBreakers breakers;
    private final Duration sendLease;
    /**
     * channels with refunds held by this instance and not sent yet. Empty at start: refunds a crash left waiting are
     * sent by the first pass (a second after start), and a new refund in that second does not wait for them.
     */
    private final Set<String> backlog = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean passDue = new AtomicBoolean(true);

    /** @param channels the configured channels */
    public WaitingRefunds(Refunds refunds, RefundClaims claims, Collection<ChannelConfig> channels,
                          ChannelBreakers breakers, Duration sendLease) {
        this.refunds = refunds;
        this.claims = claims;
        this.channels = List.copyOf(channels);
        this.breakers = breakers;
        this.sendLease = sendLease;
        breakers.onCallsAllowed(channel -> passDue.set(true));
    }

    /** A new refund (not one of the waiting) goes behind the refunds held for its channel, if there are any. */
    boolean goesBehind(RefundRecord record) {
        return record.status() == RefundStatus.RECEIVED && backlog.contains(record.channel())
                && !ReasonCode.PROVIDER_UNAVAILABLE.name().equals(record.code());
    }

    /**
     * Route {@code send}: the channel cannot take the refund now. A RECEIVED refund waits (PROVIDER_UNAVAILABLE, free
     * for the pass that sends it); the one resend of a PENDING refund is not made, and its next inquiry will ask again.
     */
    public void hold(Exchange exchange) {
        RefundRecord r = RouteProperties.RECORD.require(exchange);
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        if (r.status() == RefundStatus.PENDING) {
            refunds.transition(r.refundId(), Set.of(RefundStatus.PENDING), Change.keepStatus().lease(null));
            return;
        }
        boolean open = breakers.state(channel.getName()) != ChannelBreakers.State.CLOSED;
        if (refunds.transition(r.refundId(), Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.RECEIVED).code(
                ReasonCode.PROVIDER_UNAVAILABLE, open ? "channel " + channel.getName() + " is unavailable; waiting to be sent"
                        : "waiting behind the refunds held while channel " + channel.getName() + " was unavailable")
                .lease(null)).isPresent()) {
            queued(channel.getName());
        }
    }

    /** Route {@code inquire}: the channel cannot be asked now; the inquiry stays due, not counted, free for a later claim. */
    public void deferInquiry(Exchange exchange) {
        RefundRecord r = RouteProperties.RECORD.require(exchange);
        refunds.transition(r.refundId(), Set.of(RefundStatus.PENDING, RefundStatus.REVIEW), Change.keepStatus().lease(null));
    }

    /** A refund of {@code channel} went back to waiting (held, or not delivered): it is sent by a coming pass. */
    public void queued(String channel) {
        backlog.add(channel);
        if (breakers.state(channel) != ChannelBreakers.State.OPEN) {
            passDue.set(true);
        }
    }

    /** The recovery loop's tick: waiting refunds of any instance (one that died, too) are looked for. */
    public void passDue() {
        passDue.set(true);
    }

    /**
     * Route {@code send-waiting}: when a pass is due, claims the waiting refunds each channel can take now, oldest first,
     * plus those of channels no longer configured (the send moves them to REVIEW). Empty when no pass is due.
     */
    public List<String> claim() {
        if (!passDue.getAndSet(false)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (ChannelConfig channel : channels) {
            String name = channel.getName();
            int capacity = breakers.capacity(name, BATCH);
            if (capacity == 0) {
                continue;
            }
            if (capacity == BATCH) {
                backlog.remove(name);   // before looking: a refund held from now on sets it again
            }
            List<String> claimed = claims.claimReceived(name, capacity, sendLease);
            if (claimed.size() == BATCH) {
                backlog.add(name);
                passDue.set(true);   // more are waiting: another pass after this one
            }
            if (!claimed.isEmpty()) {
                LOG.info("sending {} waiting refunds of channel {}{}, oldest first", claimed.size(), name,
                        capacity == 1 ? " (one probe: the channel is half-open)" : "");
            }
            ids.addAll(claimed);
        }
        List<String> orphans = claims.claimReceivedOutside(channels.stream().map(ChannelConfig::getName).toList(), BATCH,
                sendLease);
        if (!orphans.isEmpty()) {
            LOG.warn("{} waiting refunds name a channel that is no longer configured", orphans.size());
            ids.addAll(orphans);
        }
        return ids;
    }
}
