import java.nio.file.*;
import java.sql.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/**
 * H2 2.4.240 (MVStore): an explicit CHECKPOINT racing other sessions' writes, then SIGKILL, leaves secondary indexes
 * that disagree with their table. Found by RefundHub's crash soak (issue 22); this file reproduces it with H2 alone.
 *
 *   java -cp h2-2.4.240.jar H2KillRepro.java [kills=50] [dir=repro-db] [url options]
 *   options (-D): threads=8, autocommitOnly=false, noCheckpoints=false, seed=N
 *
 * The parent creates one table with three secondary indexes and shuts the database down cleanly. Then, again and
 * again, it starts a child JVM (this file in "work" mode) in which THREADS sessions insert rows, update rows so that
 * they move between index entries, clear a column, delete rows and, in 3 of 100 operations, run CHECKPOINT; a third
 * of the operations run in a transaction of three statements unless autocommitOnly. After 1.5-4.2 s the parent kills
 * the child with SIGKILL, reopens the database and compares, for every secondary index, the rows read through the
 * index (USE INDEX (ix), covering: the index's own entries) with the rows of a table scan (USE INDEX ()). It stops at
 * the first difference.
 *
 * Measured on 2026-12-07 (2 cores, ext4, OpenJDK 17.0.15), URL options ;WRITE_DELAY=100;LOCK_TIMEOUT=30000:
 *   threads=8                         items_status disagrees with its table after kill 34 (seed 1): stale entries
 *                                     of 2 rows one UPDATE had moved, the table holding the new values
 *   threads=8, autocommitOnly         after kill 51 (seed 3): 3 stale entries and 3 entries for rows the table
 *                                     does not have
 *   threads=8, noCheckpoints          120 kills, sound every time (seed 2)
 *   threads=1                         120 kills, sound every time (seed 4)
 * So it takes an explicit CHECKPOINT while other sessions write: the store then persists a chunk in which an index
 * map holds a statement's change that its table's primary map does not (or the reverse), and the recovery after the
 * kill does not take it back. The background writer alone (WRITE_DELAY, no CHECKPOINT) did not do it.
 */
public class H2KillRepro {
    static final boolean AUTOCOMMIT_ONLY = Boolean.getBoolean("autocommitOnly");
    static final boolean CHECKPOINTS = !Boolean.getBoolean("noCheckpoints");
    static final int THREADS = Integer.getInteger("threads", 8);
    static final String[] INDEXES = {
        "items_status:status,due_at", "items_list:status,id", "items_owner:owner" };

    public static void main(String[] a) throws Exception {
        if (a.length > 0 && a[0].equals("work")) { work(a[1], a.length > 2 ? a[2] : ""); return; }
        int kills = a.length > 0 ? Integer.parseInt(a[0]) : 50;
        Path dir = Path.of(a.length > 1 ? a[1] : "repro-db").toAbsolutePath();
        String opts = a.length > 2 ? a[2] : ";WRITE_DELAY=100;LOCK_TIMEOUT=30000;DB_CLOSE_ON_EXIT=FALSE";
        Files.createDirectories(dir);
        String url = "jdbc:h2:file:" + dir.resolve("db") + opts;
        Random rnd = new Random(Long.getLong("seed", System.nanoTime()));
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {   // the schema, made durable before any kill
            schema(c);
            c.createStatement().execute("SHUTDOWN");
        }
        for (int k = 1; k <= kills; k++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-DautocommitOnly=" + AUTOCOMMIT_ONLY, "-DnoCheckpoints=" + !CHECKPOINTS, "-Dthreads=" + THREADS, "-cp", System.getProperty("java.class.path"), "H2KillRepro.java", "work", url, "")
                    .inheritIO().start();
            Thread.sleep(1500 + rnd.nextInt(2700));   // JVM start + some work
            p.destroyForcibly();
            p.waitFor();
            String problem = check(url);
            System.out.println("kill " + k + ": " + (problem == null ? "sound" : problem));
            if (problem != null) { System.exit(1); }
        }
    }

    static String check(String url) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (String ix : INDEXES) {
                String name = ix.split(":")[0], cols = ix.split(":")[1];
                Map<String, Integer> viaIndex = rows(c, "SELECT id," + cols + " FROM items USE INDEX (" + name + ") WHERE "
                        + cols.split(",")[0] + " IS NOT NULL OR " + cols.split(",")[0] + " IS NULL");
                Map<String, Integer> viaScan = rows(c, "SELECT id," + cols + " FROM items USE INDEX ()");
                if (!viaIndex.equals(viaScan)) {
                    Set<String> extra = new TreeSet<>(viaIndex.keySet()); extra.removeAll(viaScan.keySet());
                    Set<String> missing = new TreeSet<>(viaScan.keySet()); missing.removeAll(viaIndex.keySet());
                    return "index " + name + " has " + viaIndex.size() + " rows, scan " + viaScan.size()
                            + "; only in index " + first(extra) + ", missing from index " + first(missing);
                }
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM items")) { rs.next(); }
            return null;
        } catch (SQLException e) {
            return "error: " + e;
        }
    }

    static String first(Set<String> s) { return s.stream().limit(5).toList() + (s.size() > 5 ? " (+" + (s.size() - 5) + ")" : ""); }

    static Map<String, Integer> rows(Connection c, String sql) throws SQLException {
        Map<String, Integer> m = new HashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder k = new StringBuilder();
                for (int i = 1; i <= n; i++) k.append(rs.getString(i)).append('|');
                m.merge(k.toString(), 1, Integer::sum);
            }
        }
        return m;
    }

    static void schema(Connection c) throws SQLException {
        c.createStatement().execute("CREATE TABLE IF NOT EXISTS items (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
                + " status VARCHAR(16) NOT NULL, due_at TIMESTAMP WITH TIME ZONE, owner VARCHAR(64), payload VARCHAR(20000))");
        for (String ix : INDEXES) {
            c.createStatement().execute("CREATE INDEX IF NOT EXISTS " + ix.split(":")[0] + " ON items (" + ix.split(":")[1] + ")");
        }
    }

    static void work(String url, String unused) throws Exception {
        String payload = "x".repeat(600);
        AtomicLong ops = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        for (int t = 0; t < THREADS; t++) {
            final int me = t;
            pool.submit(() -> {
                Random r = new Random();
                try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                    while (true) {
                        int op = r.nextInt(100);
                        c.setAutoCommit(AUTOCOMMIT_ONLY || op % 3 != 0);
                        if (op < 35) {
                            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items (status, due_at, owner, payload) VALUES (?, CURRENT_TIMESTAMP, NULL, ?)")) {
                                ps.setString(1, "PENDING"); ps.setString(2, payload); ps.executeUpdate();
                            }
                        } else if (op < 70) {
                            try (PreparedStatement ps = c.prepareStatement("UPDATE items SET status = ?, due_at = CURRENT_TIMESTAMP, owner = ? WHERE id IN (SELECT id FROM items WHERE status = 'PENDING' ORDER BY id LIMIT 3)")) {
                                ps.setString(1, r.nextBoolean() ? "DELIVERED" : "PENDING"); ps.setString(2, "w" + me); ps.executeUpdate();
                            }
                        } else if (op < 85) {
                            try (PreparedStatement ps = c.prepareStatement("UPDATE items SET owner = NULL WHERE owner = ?")) {
                                ps.setString(1, "w" + me); ps.executeUpdate();
                            }
                        } else if (op < 97) {
                            c.createStatement().executeUpdate("DELETE FROM items WHERE id IN (SELECT id FROM items WHERE status = 'DELIVERED' ORDER BY id LIMIT 5)");
                        } else if (CHECKPOINTS) {
                            c.createStatement().execute("CHECKPOINT");
                        }
                        if (!c.getAutoCommit()) c.commit();
                        ops.incrementAndGet();
                    }
                } catch (Exception e) {
                    System.err.println("worker: " + e);
                }
                return null;
            });
        }
        pool.awaitTermination(1, TimeUnit.DAYS);
    }
}
