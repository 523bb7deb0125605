package com.refundhub.flow;

import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.LedgerUnavailableException;
import com.refundhub.ledger.RefundClaims;
import com.refundhub.ledger.Refunds;
import com.refundhub.channel.ChannelBreakers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repair loop (routes {@code inquiry-scheduler} and {@code recovery}): claims due inquiries (none of a channel
 * whose breaker is open, one probe of a half-open one) and turns sends that were cut off into PENDING/OUTCOME_UNKNOWN
 * (never a resend); RECEIVED refunds nobody holds are {@link WaitingRefunds}'. Every claim is a lease in the ledger,
 * so several instances share the work and a dead instance's claims simply expire.
 */
public class Janitor {
    private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);
    private static final int BATCH = 500;

    private final LedgerDatabase db;
    private final Refunds refunds;
    private final RefundClaims claims;
    private final InquiryPolicy policy;
    private final ChannelBreakers breakers;

    public Janitor(LedgerDatabase db, Refunds refunds, RefundClaims claims, InquiryPolicy policy, ChannelBreakers breakers) {
        this.db = db;
        this.refunds = refunds;
        this.claims = claims;
        this.policy = policy;
        this.breakers = breakers;
    }

    /** Due inquiries; a channel that cannot take calls now keeps its own due until it can (not counted, not moved). */
    public List<String> claimDueInquiries() {
        Map<String, Integer> limited = new HashMap<>();
        breakers.states().forEach((channel, state) -> {
            if (state != ChannelBreakers.State.CLOSED) {
                limited.put(channel, breakers.capacity(channel, policy.batchSize()));
            }
        });
        return claims.claimDueInquiries(policy.batchSize(), policy.claimLease(), limited);
    }

    /** SUBMITTED past its lease: the send may have reached the provider, so only an inquiry may tell. */
    public int expireSubmissions() {
        int n = 0;
        for (String id : claims.expiredSubmissions(BATCH)) {
            if (refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING)
                    .code(ReasonCode.OUTCOME_UNKNOWN, "send was interrupted before its answer was recorded")
                    .lease(null).nextInquiryAt(db.now())).isPresent()) {
                n++;
            }
        }
        if (n > 0) {
            LOG.warn("{} interrupted sends moved to PENDING/OUTCOME_UNKNOWN for inquiry", n);
        }
        return n;
    }

    /**
     * At shutdown, once the routes have stopped: sends of this instance whose answer never came back (the
     * shutdown timeout cut them off) may have reached the provider; PENDING/OUTCOME_UNKNOWN, for inquiry.
     */
    public int abandonOwnSubmissions() {
        int n = 0;
        List<String> own;
        try {
            own = claims.ownSubmissions();
        } catch (LedgerUnavailableException e) {
            LOG.info("stopping while the ledger is unavailable: sends cut off by the stop are inquired after the next "
                    + "start, once their claims have run out");
            return 0;
        }
        for (String id : own) {
            if (refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING)
                    .code(ReasonCode.OUTCOME_UNKNOWN, "send abandoned when the hub stopped; its outcome will be inquired")
                    .lease(null).nextInquiryAt(db.now())).isPresent()) {
                n++;
            }
        }
        if (n > 0) {
            LOG.warn("{} sends cut off by the shutdown are PENDING/OUTCOME_UNKNOWN, to be inquired", n);
        }
        return n;
    }
}
