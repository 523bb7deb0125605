package com.refundhub.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts a ledger an earlier release kept on H2 ({@code NAME.mv.db}) into the SQLite ledger {@code NAME.db}, once:
 * automatically when the hub's SQLite file does not exist yet and an H2 file of the same name lies beside it (the old
 * default {@code data/refundhub.mv.db} becomes {@code data/refundhub.db}), or by {@code --migrate-ledger H2-URL}.
 *
 * <p>The H2 ledger is first brought to the last schema H2 ever had; every row of every table is then copied by a
 * scan of its table (not through an index, which an unclean stop may have left disagreeing with it), times as
 * SQLite keeps them, into a new file that only takes the ledger's name once every table's rows are counted equal
 * and the new file passes SQLite's integrity check. H2 reads a copy of its file: the original is left as it was.
 */
public final class H2Conversion {
    private static final Logger LOG = LoggerFactory.getLogger(H2Conversion.class);
    /** Every table of the ledger, parents before the rows that refer to them. */
    static final List<String> TABLES = List.of("refunds", "refund_orders", "refund_history", "provider_exchanges",
            "batches", "batch_rows", "event_outbox", "webhook_deliveries", "webhook_attempts", "task_leases");

    /** What was converted: the new ledger, and the rows of each table. */
    public record Result(Path target, Map<String, Long> rows) {
        public long refunds() {
            return rows.getOrDefault("refunds", 0L);
        }
    }

    private H2Conversion() {
    }

    /** The H2 file an earlier release would have kept for the SQLite ledger {@code file}: NAME.db beside NAME.mv.db. */
    public static Path h2FileBeside(Path file) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return file.resolveSibling(base + ".mv.db");
    }

    /** The SQLite file the H2 ledger of {@code h2Url} (jdbc:h2:file:PATH) converts into: PATH.db. */
    public static Path targetOf(String h2Url) {
        String path = h2Url.substring(h2Url.indexOf(":file:") >= 0 ? h2Url.indexOf(":file:") + 6 : "jdbc:h2:".length())
                .split(";")[0];
        return Path.of(path + ".db");
    }

    /** Converts the H2 ledger beside {@code file} when {@code file} does not exist yet; returns what it did, if anything. */
    static java.util.Optional<Result> convertBesideIfAny(Path file) {
        Path h2 = h2FileBeside(file);
        if (Files.exists(file) || !Files.exists(h2)) {
            return java.util.Optional.empty();
        }
        String name = h2.getFileName().toString();
        String url = "jdbc:h2:file:" + h2.resolveSibling(name.substring(0, name.length() - ".mv.db".length()));
        LOG.warn("ledger: converting the H2 ledger of an earlier release ({}) into {}", h2, file);
        Result r = convert(url, "sa", "", file);
        LOG.warn("ledger: converted {} refunds from {} into {}; the H2 file stays as it was (delete it once you are "
                + "content)", r.refunds(), h2, file);
        return java.util.Optional.of(r);
    }

    /** Converts the H2 ledger at {@code h2Url} into a new SQLite ledger {@code target}, which must not exist. */
    public static Result convert(String h2Url, String user, String password, Path target) {
        if (Files.exists(target)) {
            throw new LedgerException(target + " exists already: the H2 ledger is converted into a new file only", null);
        }
        Path h2File = Path.of(targetOf(h2Url).toString().replaceFirst("\\.db$", ".mv.db"));
        if (!Files.exists(h2File)) {
            throw new LedgerException("no H2 ledger at " + h2File, null);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".converting");
        deleteWithLog(partial);
        // H2 writes to a file it merely opens: it reads a copy, and the ledger the earlier release left stays as it was
        Path source = target.resolveSibling(target.getFileName() + ".source.mv.db");
        try {
            Files.copy(h2File, source, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String base = source.toString().substring(0, source.toString().length() - ".mv.db".length());
        String url = "jdbc:h2:file:" + base + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE";
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection h2 = DriverManager.getConnection(url, user, password)) {
            Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration")
                    .outOfOrder(true).load().migrate();   // the last schema H2 ever had
            try (var pool = Database.open("jdbc:sqlite:" + partial, null, null, 4)) {   // Flyway holds two
                Database.migrate(pool);
                try (Connection sqlite = pool.getConnection()) {
                    sqlite.setAutoCommit(false);
                    for (String table : TABLES) {
                        counts.put(table, copy(h2, sqlite, table));
                    }
                    sqlite.commit();
                    sqlite.setAutoCommit(true);
                    verify(h2, sqlite, counts);
                }
            }
        } catch (SQLException e) {
            deleteWithLog(partial);
            throw new LedgerException("could not convert the H2 ledger " + h2File + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteWithLog(partial);
            throw e;
        } finally {
            deleteWithLog(source);
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(target, counts);
    }

    private static long copy(Connection h2, Connection sqlite, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = sqlite.createStatement().executeQuery("SELECT name FROM pragma_table_info('" + table + "')")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        String list = String.join(", ", columns);
        if (table.equals("task_leases")) {   // the migration made its rows; the H2 ledger's say who holds them
            sqlite.createStatement().executeUpdate("DELETE FROM task_leases");
        }
        long n = 0;
        try (ResultSet rs = h2.createStatement().executeQuery("SELECT " + list + " FROM " + table + " USE INDEX ()");
             PreparedStatement insert = sqlite.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
                     + "?, ".repeat(columns.size() - 1) + "?)")) {
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof OffsetDateTime t) {
                        insert.setLong(i, Jdbc.micros(t));
                    } else if (v instanceof Boolean b) {
                        insert.setInt(i, b ? 1 : 0);
                    } else {
                        insert.setObject(i, v);
                    }
                }
                insert.addBatch();
                if (++n % 1000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return n;
    }

    /** Every table has as many rows as H2's scan gave, and the new file is sound. */
    private static void verify(Connection h2, Connection sqlite, Map<String, Long> counts) throws SQLException {
        for (Map.Entry<String, Long> t : counts.entrySet()) {
            long there = Jdbc.first(sqlite, "SELECT COUNT(*) FROM " + t.getKey(), Jdbc.NO_PARAMETERS, rs -> rs.getLong(1))
                    .orElse(-1L);
            if (there != t.getValue()) {
                throw new LedgerException("converted " + t.getKey() + " has " + there + " rows, the H2 ledger "
                        + t.getValue(), null);
            }
        }
        LedgerCheck.Report report = LedgerCheck.sqlite(sqlite);
        if (!report.sound()) {
            throw new LedgerException("the converted ledger is not sound: " + report.problems(), null);
        }
    }

    private static void deleteWithLog(Path partial) {
        try {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + "-wal"));
            Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + "-shm"));
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", partial, e.toString());
        }
    }
}
