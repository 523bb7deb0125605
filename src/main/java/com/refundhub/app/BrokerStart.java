package com.refundhub.app;

import com.refundhub.jms.EmbeddedBroker;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The embedded broker starting on another thread (journal, acceptor: about 0.5 s), or none. */
final class BrokerStart {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerStart.class);
    private final CompletableFuture<EmbeddedBroker> start;

    private BrokerStart(CompletableFuture<EmbeddedBroker> start) {
        this.start = start;
    }

    static BrokerStart none() {
        return new BrokerStart(CompletableFuture.completedFuture(null));
    }

    static BrokerStart begin(java.util.concurrent.Callable<EmbeddedBroker> starting) {
        return new BrokerStart(CompletableFuture.supplyAsync(() -> {
            try {
                return starting.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }));
    }

    /** Waits for the broker; empty when none was started. */
    Optional<EmbeddedBroker> await() throws Exception {
        try {
            return Optional.ofNullable(start.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The hub does not start after all: the broker stops once it has started. */
    void abandon() {
        start.thenAccept(BrokerStart::close);
    }

    static void close(EmbeddedBroker broker) {
        if (broker == null) {
            return;
        }
        try {
            broker.close();
        } catch (Exception e) {
            LOG.warn("embedded broker did not stop cleanly: {}", e.toString());
        }
    }
}
