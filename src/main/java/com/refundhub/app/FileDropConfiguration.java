package com.refundhub.app;

import com.refundhub.api.BatchApi;
import com.refundhub.api.HubMetrics;
import com.refundhub.config.FileDropSettings;
import com.refundhub.config.HubSettings;
import com.refundhub.intake.BatchClaims;
import com.refundhub.intake.BatchIntake;
import com.refundhub.ledger.BatchStore;
import com.refundhub.ledger.LedgerDatabase;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * File drop (route {@code intake-file}): the batch store, the file consumer's claims, the intake that streams a
 * file's rows, and the bounded pool the rows run on (a full queue makes the reader wait: backpressure).
 */
public class FileDropConfiguration implements CamelConfiguration {
    private BatchStore store;
    private BatchIntake intake;

    @BindToRegistry("batchStore")
    public BatchStore batchStore(LedgerDatabase ledger, HubSettings settings) throws Exception {
        return store(ledger, settings);
    }

    @BindToRegistry("batchClaims")
    public BatchClaims batchClaims(LedgerDatabase ledger, HubSettings settings) throws Exception {
        return new BatchClaims(store(ledger, settings), settings.fileDrop().claimLease(), ledger.availability());
    }

    @BindToRegistry("batchIntake")
    public BatchIntake batchIntake(LedgerDatabase ledger, HubSettings settings) throws Exception {
        return intake(ledger, settings);
    }

    @BindToRegistry("batchApi")
    public BatchApi batchApi(LedgerDatabase ledger, HubSettings settings) throws Exception {
        return new BatchApi(store(ledger, settings), intake(ledger, settings));
    }

    @BindToRegistry("batchThreads")
    public ExecutorService batchThreads(HubSettings settings, CamelContext context) {
        int threads = settings.fileDrop().threads();
        return context.getExecutorServiceManager().newThreadPool(this, "batch",
                new ThreadPoolProfileBuilder("batch").poolSize(threads).maxPoolSize(threads).maxQueueSize(threads * 2)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build());
    }

    @Override
    public void configure(CamelContext context) {
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                intake.stopReading();   // a stop begins: files being read stop at the next row
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }
        });
        HubMetrics metrics = context.getRegistry().findSingleByType(HubMetrics.class);
        metrics.gauge("refundhub_batches_active", "batch files being read", intake::activeBatches);
        metrics.gauge("refundhub_batch_rows_read", "batch lines read since start", intake::totalRead);
        metrics.gauge("refundhub_batch_rows_accepted", "batch lines recorded since start", intake::totalAccepted);
        metrics.gauge("refundhub_batch_rows_rejected", "batch lines rejected since start", intake::totalRejected);
    }

    private synchronized BatchStore store(LedgerDatabase ledger, HubSettings settings) {
        if (store == null) {
            store = new BatchStore(ledger);
            if (ledger.engine().embedded()) {
                store.releaseAllClaims();   // an embedded database has no other instance: old claims are ours
            }
        }
        return store;
    }

    private synchronized BatchIntake intake(LedgerDatabase ledger, HubSettings settings) throws Exception {
        if (intake == null) {
            FileDropSettings s = settings.fileDrop();
            Files.createDirectories(s.inbox());
            Files.createDirectories(s.outbox());
            intake = new BatchIntake(store(ledger, settings), s.inbox(), s.outbox(), s.claimLease());
            BatchIntake files = intake;
            ledger.availability().onReturn(files::renewClaims);
        }
        return intake;
    }
}
