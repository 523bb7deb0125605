package com.refundhub.flow;

import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.LedgerUnavailableException;
import com.refundhub.ledger.RefundClaims;
import com.refundhub.ledger.Refunds;
import com.refundhub.route.RouteProperties;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the refund flow does while the ledger is unavailable (SPEC §13), and when it comes back.
 *
 * <ul>
 *   <li>JMS requests and file rows wait for its return, then go through again ({@link #awaitReturn}, the
 *       {@code waits-for-ledger} route configuration): a JMS request stays in its transaction on the queue, not
 *       redelivered, so it never counts toward the dead-letter queue; a file's reading pauses at the row.</li>
 *   <li>A refund whose send or inquiry the outage cut off is remembered ({@link #interrupted}); its claim is this
 *       instance's, so nobody else would touch it before the claim expires (minutes). When the ledger is back
 *       ({@link #resume}) a refund left SUBMITTED — the request may have reached the provider, and its answer could not
 *       be recorded — becomes PENDING/OUTCOME_UNKNOWN and is inquired at once, never resent blindly; one left
 *       RECEIVED (nothing went out) is freed for the next pass of route send-waiting; an inquiry's claim is freed.</li>
 * </ul>
 * Nothing here is needed for safety: a hub that dies meanwhile leaves the same refunds to the claims' expiry.
 */
public class LedgerOutage {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerOutage.class);

    private final LedgerDatabase ledger;
    private final Refunds refunds;
    private final RefundClaims claims;
    private final WaitingRefunds waiting;
    private final CamelContext context;
    private final Set<String> cutOff = ConcurrentHashMap.newKeySet();

    public LedgerOutage(LedgerDatabase ledger, Refunds refunds, RefundClaims claims, WaitingRefunds waiting,
                        CamelContext context) {
        this.ledger = ledger;
        this.refunds = refunds;
        this.claims = claims;
        this.waiting = waiting;
        this.context = context;
        ledger.availability().onReturn(this::resume);
    }

    /**
     * The retry condition of route configuration {@code waits-for-ledger}: waits until the ledger is back, then lets the
     * work go through again (true); false once the hub is stopping, so that the work is given up (a JMS request rolled
     * back onto its queue, a file left in the inbox) and the stop is not held up.
     */
    public boolean awaitReturn(Exchange exchange) throws InterruptedException {
        return ledger.availability().awaitUp(() -> context.isStopping() || context.isStopped());
    }

    /**
     * doCatch of routes accept, send and inquire: the refund the outage cut off is remembered (at accept, the request's:
     * its record may have been committed with the answer lost); the failure goes on up.
     */
    public void interrupted(Exchange exchange) throws Exception {
        String refundId = RouteProperties.REFUND_ID.get(exchange);
        if (refundId == null && exchange.getMessage().getBody() instanceof RefundRequest request) {
            refundId = request.refundId();
        }
        if (refundId != null) {
            cutOff.add(refundId);
        }
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw e != null ? e : new LedgerUnavailableException("the ledger is unavailable", null);
    }

    /** The ledger is back: every refund the outage cut off here goes on its way. Kept for the next return if it fails. */
    void resume() {
        List<String> ids = List.copyOf(cutOff);
        int inquired = 0;
        int freed = 0;
        for (String id : ids) {
            try {
                RefundStatus held = claims.heldHere(id).orElse(null);
                if (held == RefundStatus.SUBMITTED) {
                    if (refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING)
                            .code(ReasonCode.OUTCOME_UNKNOWN, "its answer could not be recorded while the ledger was "
                                    + "unavailable; to be inquired").lease(null).nextInquiryAt(ledger.now())).isPresent()) {
                        inquired++;
                    }
                } else if (held != null && claims.releaseHere(id)) {
                    freed++;
                }
                cutOff.remove(id);
            } catch (LedgerUnavailableException e) {
                return;   // gone again: the rest at its next return
            }
        }
        waiting.passDue();
        if (inquired + freed > 0) {
            LOG.info("after the ledger's return: {} refunds whose answer was not recorded are PENDING/OUTCOME_UNKNOWN "
                    + "for inquiry, {} interrupted claims freed", inquired, freed);
        }
    }
}
