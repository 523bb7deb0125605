package com.refundhub.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RequestFingerprint;
import com.refundhub.ledger.WebhookDeliveries.Attempt;
import com.refundhub.ledger.WebhookDeliveries.Due;
import com.refundhub.ledger.WebhookDeliveries.Status;
import com.refundhub.ledger.WebhookDeliveries.Subscription;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook deliveries' rules on each database the ledger supports, with a clock the test moves: written with the
 * change that matches, one refund's claimed one after another per endpoint (a FAILED one not holding the later ones
 * back), held by one instance at a time, sent again only when FAILED, and removed by retention once finished and old.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookDeliveriesContract {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Duration LEASE = Duration.ofMinutes(1);

    private final RetentionContract.MovableClock clock = new RetentionContract.MovableClock();
    private DataSource ds;
    private LedgerDatabase db;
    private Refunds refunds;
    private WebhookDeliveries deliveries;
    private String all;
    private String finals;

    protected abstract DataSource dataSource() throws Exception;

    @BeforeEach
    void freshLedger() throws Exception {
        if (ds == null) {
            ds = dataSource();
            Database.migrate(ds);
        }
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("UPDATE task_leases SET owner = NULL, lease_until = NULL");
        }
        db = new LedgerDatabase(ds, clock, "instance-a");
        refunds = new Refunds(db);
        deliveries = new WebhookDeliveries(db);
        // endpoint names of their own per test: the rows of earlier tests are other endpoints'
        int n = SEQ.incrementAndGet();
        all = "all-" + n;
        finals = "finals-" + n;
        deliveries.subscribe(List.of(new Subscription(all, EnumSet.allOf(RefundStatus.class), Set.of()),
                new Subscription(finals, Set.of(RefundStatus.SUCCEEDED, RefundStatus.FAILED), Set.of("newpay"))));
        refunds.deliverWebhooks(deliveries);
    }

    private String recorded(String channel) {
        String id = "WD" + SEQ.incrementAndGet();
        RefundRequest r = new RefundRequest(id, "O-" + id, channel, 100L, "LAK", null, null, null, null, null);
        refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5));
        return id;
    }

    private void move(String id, RefundStatus from, RefundStatus to) {
        assertThat(refunds.transition(id, Set.of(from), Change.to(to))).isPresent();
    }

    private Attempt attempt(Integer status) {
        return new Attempt(db.now(), status, status == null ? "no answer within 10s" : null, 5);
    }

    @Test
    void eachChangeAnEndpointWantsIsADeliveryWithTheChangesEventIdAndTheRecordAsItWas() throws Exception {
        String id = recorded("newpay");
        move(id, RefundStatus.RECEIVED, RefundStatus.SUBMITTED);
        move(id, RefundStatus.SUBMITTED, RefundStatus.SUCCEEDED);
        String other = recorded("trusty");
        move(other, RefundStatus.RECEIVED, RefundStatus.SUBMITTED);
        move(other, RefundStatus.SUBMITTED, RefundStatus.SUCCEEDED);
        assertThat(refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.FAILED)))
                .as("a change refused writes nothing").isEmpty();

        List<Due> toAll = claimEverything(all);
        assertThat(toAll).filteredOn(d -> d.refundId().equals(id)).extracting(Due::refundStatus)
                .containsExactly(RefundStatus.RECEIVED, RefundStatus.SUBMITTED, RefundStatus.SUCCEEDED);
        List<Due> toFinals = claimEverything(finals);
        assertThat(toFinals).as("its statuses, its channels").extracting(Due::refundId, Due::refundStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, RefundStatus.SUCCEEDED));
        Due succeeded = toFinals.get(0);
        assertThat(toAll).filteredOn(d -> d.refundStatus() == RefundStatus.SUCCEEDED && d.refundId().equals(id))
                .extracting(Due::eventId).as("one event id per change, whichever endpoint").containsExactly(succeeded.eventId());
        JsonNode body = Json.MAPPER.readTree(succeeded.payload());
        assertThat(body.get("id").asText()).isEqualTo(succeeded.eventId());
        assertThat(body.get("type").asText()).isEqualTo("refund.status_changed");
        assertThat(body.get("createdAt").asText()).isEqualTo(com.refundhub.core.RecordView.time(db.now()));
        assertThat(body.at("/refund/status").asText()).isEqualTo("SUCCEEDED");
        assertThat(body.at("/refund/history")).extracting(h -> h.get("status").asText())
                .containsExactly("RECEIVED", "SUBMITTED", "SUCCEEDED");
    }

    /** Claims again and again, delivering each, until nothing is left: every delivery once, in claim order. */
    private List<Due> claimEverything(String webhook) {
        List<Due> out = new ArrayList<>();
        List<Due> batch;
        while (!(batch = deliveries.claim(webhook, 100, LEASE)).isEmpty()) {
            for (Due d : batch) {
                assertThat(deliveries.delivered(d, attempt(200))).isTrue();
            }
            out.addAll(batch);
        }
        return out;
    }

    @Test
    void oneRefundsDeliveriesToAnEndpointAreClaimedOneAfterAnother() {
        String id = recorded("newpay");
        move(id, RefundStatus.RECEIVED, RefundStatus.SUBMITTED);
        move(id, RefundStatus.SUBMITTED, RefundStatus.PENDING);
        String other = recorded("newpay");

        List<Due> first = deliveries.claim(all, 100, LEASE);
        assertThat(first).extracting(Due::refundId, Due::refundStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple(id, RefundStatus.RECEIVED),
                org.assertj.core.groups.Tuple.tuple(other, RefundStatus.RECEIVED));
        assertThat(deliveries.claim(all, 100, LEASE)).as("the rest wait for the first of their refund").isEmpty();

        Due received = first.get(0);
        deliveries.retryAt(received, attempt(500), db.now().plusSeconds(10));
        assertThat(deliveries.claim(all, 100, LEASE)).as("not due yet, and the later ones wait for it").isEmpty();
        clock.move(Duration.ofSeconds(10));
        List<Due> again = deliveries.claim(all, 100, LEASE);
        assertThat(again).extracting(Due::id, Due::tries).containsExactly(org.assertj.core.groups.Tuple.tuple(received.id(), 1));

        deliveries.failed(again.get(0), attempt(null));
        List<Due> next = deliveries.claim(all, 100, LEASE);
        assertThat(next).as("a FAILED one does not hold the later ones back").extracting(Due::refundStatus)
                .containsExactly(RefundStatus.SUBMITTED);
        deliveries.delivered(next.get(0), attempt(204));
        assertThat(deliveries.claim(all, 100, LEASE)).extracting(Due::refundStatus).containsExactly(RefundStatus.PENDING);
        assertThat(deliveries.find(received.id()).orElseThrow().attempts()).extracting(Attempt::httpStatus)
                .containsExactly(500, null);
    }

    @Test
    void aClaimedDeliveryIsOneInstancesUntilItsLeaseRunsOut() {
        String id = recorded("newpay");
        WebhookDeliveries b = new WebhookDeliveries(new LedgerDatabase(ds, clock, "instance-b"));
        Due held = deliveries.claim(all, 100, LEASE).stream().filter(d -> d.refundId().equals(id)).findFirst().orElseThrow();
        assertThat(b.claim(all, 100, LEASE)).isEmpty();
        clock.move(LEASE.plusSeconds(1));
        assertThat(b.claim(all, 100, LEASE)).extracting(Due::id).containsExactly(held.id());
        assertThat(deliveries.delivered(held, attempt(200))).as("no longer held by the first instance").isFalse();
        assertThat(b.releaseAll()).isEqualTo(1);
        assertThat(deliveries.claim(all, 100, LEASE)).extracting(Due::id).containsExactly(held.id());
    }

    @Test
    void onlyAFailedDeliveryIsSentAgainWithItsTriesCountedAfresh() {
        String id = recorded("newpay");
        Due d = deliveries.claim(all, 100, LEASE).get(0);
        assertThat(d.refundId()).isEqualTo(id);
        assertThat(deliveries.retry(d.id())).isEqualTo(WebhookDeliveries.Retry.NOT_FAILED);
        deliveries.retryAt(d, attempt(503), db.now());
        deliveries.failed(deliveries.claim(all, 100, LEASE).get(0), attempt(503));
        assertThat(deliveries.find(d.id()).orElseThrow().status()).isEqualTo(Status.FAILED);

        assertThat(deliveries.retry(d.id())).isEqualTo(WebhookDeliveries.Retry.QUEUED);
        Due again = deliveries.claim(all, 100, LEASE).get(0);
        assertThat(again.id()).isEqualTo(d.id());
        assertThat(again.tries()).isZero();
        assertThat(again.eventId()).isEqualTo(d.eventId());
        assertThat(deliveries.retry(d.id())).isEqualTo(WebhookDeliveries.Retry.NOT_FAILED);
        assertThat(deliveries.retry(Long.MAX_VALUE)).isEqualTo(WebhookDeliveries.Retry.NOT_FOUND);
        assertThat(deliveries.find(d.id()).orElseThrow().attempts()).hasSize(2);
    }

    @Test
    void pagesAreNewestFirstAndFiltered() {
        for (int i = 0; i < 3; i++) {
            recorded("newpay");
        }
        List<Long> ids = new ArrayList<>();
        Long next = null;
        do {
            WebhookDeliveries.Page page = deliveries.page(new WebhookDeliveries.Filter(Status.PENDING, all), 2, next);
            page.deliveries().forEach(d -> ids.add(d.id()));
            next = page.next();
        } while (next != null);
        assertThat(ids).hasSize(3).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(deliveries.page(new WebhookDeliveries.Filter(Status.DELIVERED, all), 10, null).deliveries()).isEmpty();
        assertThat(deliveries.backlog(all)).isEqualTo(3);
    }

    @Test
    void retentionRemovesFinishedDeliveriesPastTheAgeAndNeverAPendingOne() {
        String id = recorded("newpay");
        move(id, RefundStatus.RECEIVED, RefundStatus.SUBMITTED);
        List<Due> due = deliveries.claim(all, 100, LEASE);
        Due delivered = due.get(0);
        deliveries.delivered(delivered, attempt(200));
        Due failed = deliveries.claim(all, 100, LEASE).get(0);
        deliveries.failed(failed, attempt(500));
        move(id, RefundStatus.SUBMITTED, RefundStatus.PENDING);   // pending, and as old as the others
        Duration age = Duration.ofDays(90);
        clock.move(age.plusDays(1));
        String recent = recorded("newpay");
        Due fresh = deliveries.claim(all, 100, LEASE).stream().filter(d -> d.refundId().equals(recent)).findFirst()
                .orElseThrow();
        deliveries.delivered(fresh, attempt(200));

        Retention.Run run = new Retention(db).prune(age, 1, () -> true);

        assertThat(run.deliveries()).isGreaterThanOrEqualTo(2);
        assertThat(deliveries.find(delivered.id())).isEmpty();
        assertThat(deliveries.find(failed.id())).isEmpty();
        assertThat(deliveries.find(fresh.id())).as("within the age").isPresent();
        assertThat(deliveries.page(new WebhookDeliveries.Filter(Status.PENDING, all), 10, null).deliveries())
                .extracting(WebhookDeliveries.Delivery::refundStatus).as("pending, whatever its age")
                .contains(RefundStatus.PENDING);
    }
}
