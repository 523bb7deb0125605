package com.refundhub.app;

import com.refundhub.api.HubMetrics;
import com.refundhub.config.Channels;
import com.refundhub.config.HubSettings;
import com.refundhub.config.InquirySettings;
import com.refundhub.core.ChannelRules;
import com.refundhub.core.RequestValidator;
import com.refundhub.flow.Acceptor;
import com.refundhub.flow.CallSetup;
import com.refundhub.flow.InquiryPolicy;
import com.refundhub.flow.Janitor;
import com.refundhub.flow.LedgerOutage;
import com.refundhub.flow.OutcomeActions;
import com.refundhub.flow.OutcomeFacts;
import com.refundhub.flow.WaitingRefunds;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundClaims;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.refundhub.channel.ChannelBreakers;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.ProviderTypes;
import java.util.concurrent.ExecutorService;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The refund flow's steps (routes accept, send, inquire, outcome, recovery, send-waiting): accepting a request, setting
 * up a provider call, reading and applying the outcome, the refunds waiting for their channel, the janitor's repairs,
 * and the threads inquiries and waiting refunds' sends run on.
 */
public class FlowConfiguration implements CamelConfiguration {

    @BindToRegistry("acceptor")
    public Acceptor acceptor(HubSettings settings, Channels channels, ProviderTypes types, Refunds refunds) {
        RequestValidator validator = new RequestValidator(name -> channels.find(name).map(c -> {
            Descriptor d = types.get(c.getType());
            return new ChannelRules(c.getType(), c.getCurrencies(), d.rules().amountRequired(),
                    d.rules().orderAmountRequired(), d::amountProblem);
        }));
        return new Acceptor(validator, refunds, settings.inquiry().receivedLease());
    }

    @BindToRegistry("waitingRefunds")
    public WaitingRefunds waitingRefunds(Refunds refunds, RefundClaims claims, Channels channels,
                                         ChannelBreakers breakers, HubSettings settings) {
        return new WaitingRefunds(refunds, claims, channels.all(), breakers, settings.inquiry().receivedLease());
    }

    /** Sends of waiting refunds in flight at once (route send-waiting); each also waits for its channel's slots. */
    @BindToRegistry("waitingThreads")
    public ExecutorService waitingThreads(Channels channels, CamelContext context) {
        int threads = Math.min(64, channels.all().stream().mapToInt(c -> c.getMaxConcurrency()).max().orElse(1));
        return context.getExecutorServiceManager().newThreadPool(this, "waiting-refunds", threads, threads);
    }

    @BindToRegistry("callSetup")
    public CallSetup callSetup(RefundQueries queries, Refunds refunds, Channels channels, ChannelBreakers breakers,
                               WaitingRefunds waiting) {
        return new CallSetup(queries, refunds, channels, breakers, waiting);
    }

    @BindToRegistry("outcomeFacts")
    public OutcomeFacts outcomeFacts(LedgerDatabase ledger, RefundQueries queries, HubSettings settings) {
        return new OutcomeFacts(ledger, queries, policy(settings));
    }

    @BindToRegistry("outcomeActions")
    public OutcomeActions outcomeActions(LedgerDatabase ledger, Refunds refunds, RefundQueries queries,
                                         HubSettings settings, HubMetrics metrics, WaitingRefunds waiting) {
        return new OutcomeActions(ledger, refunds, queries, policy(settings), metrics::contradiction, waiting::queued);
    }

    @BindToRegistry("janitor")
    public Janitor janitor(LedgerDatabase ledger, Refunds refunds, RefundClaims claims, HubSettings settings,
                           ChannelBreakers breakers, CamelContext context) throws Exception {
        Janitor janitor = new Janitor(ledger, refunds, claims, policy(settings), breakers);
        // stopped after the routes and before the database: sends cut off by the stop become PENDING/OUTCOME_UNKNOWN
        context.addService(new OnStop("abandoned sends", janitor::abandonOwnSubmissions));
        return janitor;
    }

    /** What the flow does while the ledger is unavailable, and when it returns (SPEC §13). */
    @BindToRegistry("ledgerOutage")
    public LedgerOutage ledgerOutage(LedgerDatabase ledger, Refunds refunds, RefundClaims claims, WaitingRefunds waiting,
                                     CamelContext context) {
        return new LedgerOutage(ledger, refunds, claims, waiting, context);
    }

    @BindToRegistry("inquiryThreads")
    public ExecutorService inquiryThreads(HubSettings settings, CamelContext context) {
        int threads = settings.inquiry().threads();
        return context.getExecutorServiceManager().newThreadPool(this, "inquiry", threads, threads);
    }

    private static InquiryPolicy policy(HubSettings settings) {
        InquirySettings s = settings.inquiry();
        return new InquiryPolicy(s.maxAge(), s.untrustedLimit(), s.batchSize(), s.claimLease());
    }
}
