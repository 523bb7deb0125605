package com.refundhub.app;

import com.refundhub.config.HubSettings;
import com.refundhub.flow.RetentionTask;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.Retention;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** Retention (route {@code retention}, when {@code refundhub.retention.enabled}): old final refunds' details pruned. */
public class RetentionConfiguration implements CamelConfiguration {

    @BindToRegistry("retentionLedger")
    public Retention retentionLedger(LedgerDatabase ledger) {
        return new Retention(ledger);
    }

    @BindToRegistry("retention")
    public RetentionTask retention(Retention retentionLedger, HubSettings settings, CamelContext context) {
        return new RetentionTask(retentionLedger, settings.retention(), () -> !context.isStopping() && !context.isStopped());
    }
}
