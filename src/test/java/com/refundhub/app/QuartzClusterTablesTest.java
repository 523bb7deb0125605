package com.refundhub.app;

import com.refundhub.ledger.Database;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instances of a cluster started at the same moment on a new PostgreSQL database all find Quartz's job store
 * tables missing; one creates them, and none fails to start because another was creating them too.
 */
class QuartzClusterTablesTest {

    @Test
    void instancesCreatingTheTablesAtTheSameMomentAllStart() throws Exception {
        int instances = 3;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            for (int round = 0; round < 5; round++) {
                String db = "quartz" + round;
                try (Connection c = pg.getPostgresDatabase().getConnection()) {
                    c.createStatement().execute("CREATE DATABASE " + db);
                }
                String url = pg.getJdbcUrl("postgres", db);
                List<HikariDataSource> pools = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    pools.add(Database.open(url, "postgres", "postgres", 2));
                }
                try {
                    CyclicBarrier together = new CyclicBarrier(instances);
                    List<Future<?>> starts = new ArrayList<>();
                    for (HikariDataSource ds : pools) {
                        starts.add(pool.submit(() -> {
                            together.await(10, TimeUnit.SECONDS);
                            QuartzCluster.ensureTables(ds);
                            return null;
                        }));
                    }
                    for (Future<?> f : starts) {
                        f.get(60, TimeUnit.SECONDS);   // throws if an instance failed
                    }
                    try (Connection c = pools.get(0).getConnection();
                         ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM qrtz_locks")) {
                        assertThat(rs.next()).isTrue();
                    }
                } finally {
                    pools.forEach(HikariDataSource::close);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
