package com.refundhub.sandbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulators count calls of one kind on one refund number that overlap in time (cluster tests rely on it). */
class RefundBookTest {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "simulated-call");
        t.setDaemon(true);
        return t;
    });

    /** Runs one simulated call on its own thread; it stays in flight until {@code release} opens. */
    private static CompletableFuture<Void> call(RefundBook book, boolean inquiry, String refundNo,
                                                CountDownLatch inFlight, CountDownLatch release) {
        return CompletableFuture.runAsync(() -> {
            book.callStarted();
            try {
                if (inquiry) {
                    book.countInquiry(refundNo);
                } else {
                    book.countRefundCall(refundNo);
                }
                inFlight.countDown();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                book.callEnded();
            }
        }, THREADS);
    }

    @Test
    void overlappingInquiriesOrRefundCallsOfOneNumberAreCounted() throws Exception {
        RefundBook book = new RefundBook();
        CountDownLatch inFlight = new CountDownLatch(5);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<?> all = CompletableFuture.allOf(
                call(book, true, "R-1", inFlight, release),
                call(book, true, "R-1", inFlight, release),     // a second inquiry of R-1 while the first is out
                call(book, false, "R-1", inFlight, release),    // a refund call and an inquiry may overlap
                call(book, false, "R-2", inFlight, release),
                call(book, false, "R-2", inFlight, release));   // R-2 submitted twice at once
        assertThat(inFlight.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        all.get(10, TimeUnit.SECONDS);

        assertThat(book.concurrentInquiries()).isEqualTo(1);
        assertThat(book.concurrentRefundCalls()).isEqualTo(1);
        assertThat(book.summary()).containsEntry("concurrentInquiries", 1L).containsEntry("concurrentRefundCalls", 1L);

        // one after the other is fine
        CountDownLatch done = new CountDownLatch(0);
        call(book, true, "R-1", new CountDownLatch(1), done).get(10, TimeUnit.SECONDS);
        call(book, true, "R-1", new CountDownLatch(1), done).get(10, TimeUnit.SECONDS);
        assertThat(book.concurrentInquiries()).isEqualTo(1);
    }

    @Test
    void anOrdersTotalsCountOnlyItsOwnRefundsInTheirCurrentState() {
        RefundBook book = new RefundBook();
        book.accept("R1", "ORDER-A", 1000, RefundBook.State.SUCCEEDED);
        book.accept("R2", "ORDER-A", 300, RefundBook.State.FAILED);
        RefundBook.Entry pending = book.accept("R3", "ORDER-A", 200, RefundBook.State.PROCESSING);
        book.accept("R4", "ORDER-B", 5000, RefundBook.State.SUCCEEDED);
        book.accept("R1", "ORDER-A", 1000, RefundBook.State.SUCCEEDED);   // same number again: not a new refund

        assertThat(book.refunded("ORDER-A")).as("failed refunds give the amount back").isEqualTo(1200);
        assertThat(book.succeeded("ORDER-A")).isEqualTo(1000);
        assertThat(book.ofOrder("ORDER-A")).extracting(e -> e.refundNo).containsExactly("R1", "R2", "R3");
        assertThat(book.refunded("ORDER-C")).isZero();
        assertThat(book.ofOrder("ORDER-C")).isEmpty();

        pending.state = RefundBook.State.SUCCEEDED;
        assertThat(book.succeeded("ORDER-A")).isEqualTo(1200);
        assertThat(book.succeeded("ORDER-B")).isEqualTo(5000);
    }
}
