package com.refundhub.ledger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event outbox with several relays (one per hub instance) on one database: one relay publishes at a time, from
 * the oldest event, so events leave in the order they were written; a dead relay's claim expires.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventOutboxRelayTest {
    private EmbeddedPostgres postgres;
    private Map<String, DataSource> databases;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.start();
        DataSource pg = Database.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 16);
        DataSource sqlite = Database.open("jdbc:sqlite:" + Files.createTempDirectory("outbox").resolve("ledger.db"), "sa", "", 16);
        databases = Map.of("postgres", pg, "sqlite", sqlite);
        for (DataSource ds : databases.values()) {
            Database.migrate(ds);
        }
    }

    @AfterAll
    void stop() throws Exception {
        postgres.close();
    }

    Stream<String> databases() {
        return Stream.of("sqlite", "postgres");
    }

    private DataSource fresh(String name, int events) throws Exception {
        DataSource ds = databases.get(name);
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("DELETE FROM event_outbox");
            for (int i = 0; i < events; i++) {
                EventOutbox.add(c, "R-" + i, "RECEIVED", "trusty", "{}", OffsetDateTime.now());
            }
        }
        return ds;
    }

    private static List<String> ids(EventOutbox.Claim claim) {
        return claim.events().stream().map(EventOutbox.Event::refundId).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void oneRelayAtATimeInOrder(String db) throws Exception {
        DataSource ds = fresh(db, 5);
        EventOutbox a = new EventOutbox(new LedgerDatabase(ds, Clock.systemUTC(), "host-1-a"));
        EventOutbox b = new EventOutbox(new LedgerDatabase(ds, Clock.systemUTC(), "host-2-b"));

        EventOutbox.Claim first = a.claim(3, Duration.ofMinutes(1));
        assertThat(ids(first)).containsExactly("R-0", "R-1", "R-2");
        assertThat(ids(b.claim(3, Duration.ofMinutes(1)))).as("a is publishing").isEmpty();
        a.delete(first);
        assertThat(ids(b.claim(3, Duration.ofMinutes(1)))).containsExactly("R-3", "R-4");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClaimLeftUnpublishedIsTakenAgainByItsRelayAndADeadRelaysClaimExpires(String db) throws Exception {
        DataSource ds = fresh(db, 2);
        EventOutbox a = new EventOutbox(new LedgerDatabase(ds, Clock.systemUTC(), "host-1-a"));
        EventOutbox b = new EventOutbox(new LedgerDatabase(ds, Clock.systemUTC(), "host-2-b"));

        assertThat(ids(a.claim(10, Duration.ofMinutes(1)))).containsExactly("R-0", "R-1");
        // publishing failed (broker down): the next round of the same relay publishes them again
        assertThat(ids(a.claim(10, Duration.ofMillis(300)))).containsExactly("R-0", "R-1");
        assertThat(ids(b.claim(10, Duration.ofMinutes(1)))).isEmpty();
        Thread.sleep(400);   // a died: its claim runs out
        assertThat(ids(b.claim(10, Duration.ofMinutes(1)))).containsExactly("R-0", "R-1");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void relaysClaimingAtTheSameMomentNeverBothGetEvents(String db) throws Exception {
        DataSource ds = fresh(db, 200);
        int relays = 6;
        List<EventOutbox> outboxes = new ArrayList<>();
        for (int i = 0; i < relays; i++) {
            outboxes.add(new EventOutbox(new LedgerDatabase(ds, Clock.systemUTC(), "host-" + i + "-x")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(relays);
        try {
            List<String> published = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                CyclicBarrier together = new CyclicBarrier(relays);
                List<Future<EventOutbox.Claim>> claims = new ArrayList<>();
                for (EventOutbox o : outboxes) {
                    claims.add(pool.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return o.claim(10, Duration.ofMinutes(1));
                    }));
                }
                List<EventOutbox.Claim> winners = new ArrayList<>();
                for (int i = 0; i < relays; i++) {
                    EventOutbox.Claim c = claims.get(i).get(30, TimeUnit.SECONDS);
                    if (!c.events().isEmpty()) {
                        winners.add(c);
                    }
                }
                assertThat(winners).as("round " + round).hasSize(1);
                outboxes.get(0).delete(winners.get(0));   // published
                published.addAll(ids(winners.get(0)));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                expected.add("R-" + i);
            }
            assertThat(published).containsExactlyElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
