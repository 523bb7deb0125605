package com.refundhub.flow;

import com.refundhub.config.RetentionSettings;
import com.refundhub.config.Types;
import com.refundhub.ledger.Retention;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route {@code retention}'s step (routes/retention.camel.yaml): prunes the details of old final refunds with the
 * configured age and batch size, until none is left or the hub stops, and says what it did.
 */
public class RetentionTask {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionTask.class);
    private final Retention retention;
    private final RetentionSettings settings;
    private final BooleanSupplier running;

    /** @param running false once the hub is stopping: a long run ends between two batches */
    public RetentionTask(Retention retention, RetentionSettings settings, BooleanSupplier running) {
        this.retention = retention;
        this.settings = settings;
        this.running = running;
    }

    public Retention.Run run() {
        Retention.Run run = retention.prune(settings.maxAge(), settings.batchSize(), running);
        if (run.pruned() > 0) {
            LOG.info("retention: removed the provider exchange bodies of {} final refunds older than "
                    + "{} in {} batches", run.pruned(), Types.print(settings.maxAge()), run.batches());
        }
        if (run.deliveries() > 0) {
            LOG.info("retention: removed {} finished webhook deliveries older than {}", run.deliveries(),
                    Types.print(settings.maxAge()));
        }
        if (!run.ran()) {
            LOG.debug("retention: another instance is pruning");
        }
        return run;
    }
}
