package com.refundhub.flow;

import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundClaims;
import com.refundhub.ledger.Refunds;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The repair loop (routes {@code inquiry-scheduler} and {@code recovery}): claims due inquiries, turns sends
 * that were cut off into PENDING/OUTCOME_UNKNOWN (never a resend), and picks up RECEIVED refunds whose intake
 * died before sending them. Every claim is a lease in the ledger, so several instances share the work and a
 * dead instance's claims simply expire.
 */
public class Janitor {
    private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);
    private static final int BATCH = 500;

    private final LedgerDatabase db;
    private final Refunds refunds;
    private final RefundClaims claims;
    private final InquiryPolicy policy;
    private final Duration sendLease;

    public Janitor(LedgerDatabase db, Refunds refunds, RefundClaims claims, InquiryPolicy policy, Duration sendLease) {
        this.db = db;
        this.refunds = refunds;
        this.claims = claims;
        this.policy = policy;
        this.sendLease = sendLease;
    }

    public List<String> claimDueInquiries() {
        return claims.claimDueInquiries(policy.batchSize(), policy.claimLease());
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
        for (String id : claims.ownSubmissions()) {
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

    /** RECEIVED refunds nobody holds: never sent, so safe to send. */
    public List<String> claimAbandonedReceived() {
        List<String> ids = claims.claimAbandonedReceived(BATCH, sendLease);
        if (!ids.isEmpty()) {
            LOG.info("{} received refunds were never sent (intake interrupted); sending them now", ids.size());
        }
        return ids;
    }
}
