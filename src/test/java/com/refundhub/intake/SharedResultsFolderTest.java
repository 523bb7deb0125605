package com.refundhub.intake;

import com.refundhub.ledger.BatchStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances of a cluster share the results folder ({@code refundhub.outbox}), and every instance's timer writes NAME.final.csv for batches whose
 * refunds are all settled: two may write the same result file at the same moment.
 */
class SharedResultsFolderTest {
    @TempDir
    Path resultsDir;

    @Test
    void twoWritersOfOneResultFileAtTheSameMomentBothSucceed() throws Exception {
        Path target = resultsDir.resolve("batch.final.csv");
        CountDownLatch bothWriting = new CountDownLatch(2);
        CountDownLatch firstDone = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> write(target, bothWriting, null), threads)
                    .whenComplete((v, e) -> firstDone.countDown());
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> write(target, bothWriting, firstDone), threads);
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(Files.readAllLines(target)).hasSize(2001).startsWith("line,refundId,status,code,message",
                "1,R-1,SUCCEEDED,,");
        try (var left = Files.list(resultsDir)) {
            assertThat(left).containsExactly(target);
        }
    }

    /** Writes 2000 rows; after the first, waits until both writers are at it (and, if given, for {@code after}). */
    private static void write(Path target, CountDownLatch bothWriting, CountDownLatch after) {
        try {
            ResultsCsv.write(target, sink -> {
                for (int i = 1; i <= 2000; i++) {
                    sink.accept(new BatchStore.ResultRow(i, "R-" + i, "SUCCEEDED", null, null));
                    if (i == 1) {
                        bothWriting.countDown();
                        await(bothWriting);
                        if (after != null) {
                            await(after);
                        }
                    }
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
