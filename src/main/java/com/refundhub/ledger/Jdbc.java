package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import com.refundhub.core.Availability;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * The one way the ledger talks to JDBC: statements, result sets and transactions are opened and closed here only.
 * The repositories give SQL, parameters ({@link #params}) and a row mapper.
 *
 * <p>On an embedded SQLite ledger, work that may write ({@link #update}, {@link #write}, {@link #inTransaction}) is
 * done by the ledger's one writer, which commits what has queued up together ({@link GroupWriter}); each call still
 * returns once its own work is committed, or fails alone. Reads ({@link #query}, {@link #first}, {@link #stream},
 * {@link #read}) never wait: they read the last commit (write-ahead log). On PostgreSQL each call has a transaction
 * of its own.
 *
 * <p>A failure that means the ledger is unavailable ({@link Outages}) is thrown as a {@link LedgerUnavailableException}
 * and reported to the ledger's {@link Availability}; until a probe finds the ledger back ({@link #probe}), work that
 * writes fails at once, without waiting for the database's timeouts, and so do reads when the database cannot be
 * reached at all (a full disk still lets them read).
 */
final class Jdbc {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Jdbc.class);
    private static final String UNIQUE_VIOLATION = "23505";

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static final Binder NO_PARAMETERS = ps -> {
    };

    private final DataSource ds;
    private final Engine engine;
    private final Availability availability;
    /** The embedded ledger's file (its disk is watched while it is full), or null for a server. */
    private final java.nio.file.Path embeddedFile;
    static final long MIN_FREE_BYTES = 16L << 20;
    /** what the last outage was: reads fail at once too while the database cannot be reached at all */
    private volatile Outages.Kind outage;
    /** SQLite's one writer; null on PostgreSQL, whose rows are locked one by one. */
    private final GroupWriter writer;
    /** One writer per pool, however many ledgers of this process share it; it leaves when its pool closes. */
    private static final Map<DataSource, GroupWriter> WRITERS = new ConcurrentHashMap<>();

    Jdbc(DataSource ds, Availability availability) {
        this.ds = ds;
        this.availability = availability;
        String url = read("cannot reach the ledger database", c -> c.getMetaData().getURL());
        this.engine = Engine.of(url);
        this.embeddedFile = Database.embeddedFile(url);
        this.writer = engine == Engine.SQLITE ? WRITERS.computeIfAbsent(ds, d -> new GroupWriter(d,
                url.substring(url.lastIndexOf('/') + 1), () -> WRITERS.remove(d))) : null;
    }

    Engine engine() {
        return engine;
    }

    /** SQLite's one writer; null on PostgreSQL. */
    GroupWriter writer() {
        return writer;
    }

    /**
     * Binds values in order by their type: String, Long, Integer, Boolean, OffsetDateTime, an enum (by name), or
     * null (type left to the database, which takes it from the column it is compared with or assigned to).
     */
    static Binder params(Object... values) {
        return ps -> {
            for (int i = 0; i < values.length; i++) {
                bind(ps, i + 1, values[i]);
            }
        };
    }

    private static void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NULL);
        } else if (v instanceof String s) {
            ps.setString(i, s);
        } else if (v instanceof Long l) {
            ps.setLong(i, l);
        } else if (v instanceof Integer n) {
            ps.setInt(i, n);
        } else if (v instanceof Boolean b) {
            ps.setBoolean(i, b);
        } else if (v instanceof OffsetDateTime t) {
            if (Engine.under(ps) == Engine.SQLITE) {
                ps.setLong(i, micros(t));
            } else {
                ps.setObject(i, t);
            }
        } else if (v instanceof Enum<?> e) {
            ps.setString(i, e.name());
        } else {
            throw new IllegalArgumentException("no SQL binding for " + v.getClass().getName());
        }
    }

    /** An SQL list of enum names, e.g. {@code ('FAILED', 'REJECTED')}: status names in SQL come from the enum. */
    static String nameList(Collection<? extends Enum<?>> values) {
        return values.stream().map(v -> "'" + v.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState()) || e instanceof org.sqlite.SQLiteException s
                && (s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                || s.getResultCode() == org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
    }

    /** Microseconds since 1970-01-01 UTC: how SQLite keeps a time (an INTEGER column). */
    static long micros(OffsetDateTime t) {
        Instant i = t.toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }

    /** A time column (or a MAX/MIN of one) as the ledger wrote it: null stays null. */
    static OffsetDateTime time(ResultSet rs, int column) throws SQLException {
        if (Engine.under(rs) == Engine.SQLITE) {
            long micros = rs.getLong(column);
            return rs.wasNull() ? null : fromMicros(micros);
        }
        return rs.getObject(column, OffsetDateTime.class);
    }

    static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return time(rs, rs.findColumn(column));
    }

    static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static OffsetDateTime fromMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** {@code " FOR UPDATE"} where the engine locks rows read in a transaction; nothing on SQLite (one writer). */
    static String forUpdate(Connection c) throws SQLException {
        return Engine.under(c).forUpdate();
    }

    <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return read("query failed", c -> query(c, sql, binder, mapper));
    }

    <T> Optional<T> first(String sql, Binder binder, RowMapper<T> mapper) {
        return query(sql, binder, mapper).stream().findFirst();
    }

    int update(String sql, Binder binder) {
        return write("update failed", c -> update(c, sql, binder));
    }

    /** A query on a connection the caller holds (inside a transaction). */
    static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        }
    }

    static <T> Optional<T> first(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        return query(c, sql, binder, mapper).stream().findFirst();
    }

    /** An update on a connection the caller holds (inside a transaction). */
    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /**
     * Streams the rows to {@code sink} without holding them all: inside a read-only transaction with a fetch size,
     * which lets PostgreSQL read with a cursor. SQLite's statement reads one snapshot as it steps; a transaction there
     * is a writer's.
     */
    <T> void stream(String what, String sql, Binder binder, RowMapper<T> mapper, Consumer<T> sink) {
        read(what, c -> {
            boolean transaction = engine != Engine.SQLITE;
            if (transaction) {
                c.setAutoCommit(false);
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(1000);
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(mapper.map(rs));
                    }
                }
            }
            if (transaction) {   // read only: on a failure the pool rolls it back
                c.commit();
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    /** Reads on one connection of the pool; a database failure becomes a {@link LedgerException} saying {@code what}. */
    <T> T read(String what, SqlWork<T> work) {
        if (outage == Outages.Kind.UNREACHABLE && !availability.isUp()) {
            throw unavailable(what);
        }
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Work that writes, each statement committed on its own, on one connection of the pool, in the writers' turn. */
    <T> T write(String what, SqlWork<T> work) {
        try {
            return onConnection(work);
        } catch (SQLException e) {
            throw new LedgerException(what, e);
        }
    }

    /**
     * {@link #write}, for a caller that acts on the database's error itself; an outage is thrown as a
     * {@link LedgerUnavailableException}.
     */
    <T> T onConnection(SqlWork<T> work) throws SQLException {
        if (!availability.isUp()) {
            throw unavailable("cannot write");
        }
        try {
            if (writer != null) {
                return writer.run(work);
            }
            try (Connection c = ds.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw outageOr(e);
        }
    }

    /**
     * Work in one transaction: committed when it returns, rolled back when it throws; an outage is thrown as a
     * {@link LedgerUnavailableException}.
     */
    <T> T inTransaction(SqlWork<T> work) throws SQLException {
        if (!availability.isUp()) {
            throw unavailable("cannot write");
        }
        try {
            return writer != null ? writer.run(work) : transaction(work);
        } catch (SQLException e) {
            throw outageOr(e);
        }
    }

    /**
     * One transaction on a pooled connection. A failure is thrown as it happened: what the rollback and the reset
     * then meet on a broken connection is only added to it. Once the commit has returned the work is done, whatever
     * the reset meets (the pool resets and checks the connection again anyway).
     */
    private <T> T transaction(SqlWork<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                    c.setAutoCommit(true);
                } catch (SQLException broken) {
                    e.addSuppressed(broken);   // the connection broke with the database: the pool drops it
                }
                throw e;
            }
            try {
                c.setAutoCommit(true);
            } catch (SQLException broken) {
                LOG.debug("ledger: a connection broke right after a commit: {}", broken.toString());
            }
            return result;
        }
    }

    /** A database failure: the ledger's outage (reported, and thrown unchecked), or the statement's own failure. */
    private LedgerException failure(String what, SQLException e) {
        try {
            throw outageOr(e);
        } catch (SQLException own) {
            return new LedgerException(what, own);
        } catch (LedgerUnavailableException gone) {
            return gone;
        }
    }

    /** Reports and throws an outage as {@link LedgerUnavailableException}; returns any other failure to be thrown. */
    private SQLException outageOr(SQLException e) {
        Outages.Kind kind = Outages.of(e);
        if (kind == null) {
            return e;
        }
        outage = kind;
        String why = Availability.reason(e);
        if (availability.markDown(why) && ds instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            // the pooled connections went with the database: none is handed out again (those in use close when given
            // back), so work after the return gets new ones instead of failing once more on an old one
            pool.getHikariPoolMXBean().softEvictConnections();
        }
        throw new LedgerUnavailableException("the ledger is unavailable: " + why, e);
    }

    private long freeSpace() {
        try {
            java.nio.file.Path dir = embeddedFile.toAbsolutePath().getParent();
            return java.nio.file.Files.getFileStore(dir).getUsableSpace();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private LedgerUnavailableException unavailable(String what) {
        return new LedgerUnavailableException(what + ": the ledger is unavailable ("
                + availability.down().map(Availability.Down::why).orElse("back now") + ")", null);
    }

    /**
     * Looks whether the ledger is back: a write that changes nothing (the retention task's lease row, as it is),
     * made the way every write is made (the embedded ledger's writer, a pooled connection) and committed. A full disk
     * is back only once such a write is on the disk again, not when a read works, and once {@value #MIN_FREE_BYTES}
     * bytes are free beside the embedded ledger's file: a write that only reuses room its log already has would bring
     * it back for the next one to fail again.
     */
    boolean probe() {
        if (embeddedFile != null && freeSpace() < MIN_FREE_BYTES) {
            LOG.debug("ledger probe: {} bytes free beside {}, waiting for {}", freeSpace(), embeddedFile, MIN_FREE_BYTES);
            return false;
        }
        try {
            SqlWork<Integer> touch = c -> update(c, "UPDATE task_leases SET lease_until = lease_until WHERE task = ?",
                    params("retention"));
            if (writer != null) {
                writer.run(touch);
            } else {
                transaction(touch);
            }
        } catch (SQLException | RuntimeException e) {
            Outages.Kind kind = Outages.of(e);
            if (kind != null) {
                outage = kind;
            }
            LOG.debug("ledger probe: still unavailable: {}", Availability.reason(e));
            return false;
        }
        availability.markUp();
        return true;
    }

    <T> T inTransaction(String what, SqlWork<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw new LedgerException(what, e);
        }
    }


    void ping() {
        if (!availability.isUp()) {
            throw unavailable("database");
        }
        boolean valid;
        try (Connection c = ds.getConnection()) {
            valid = c.isValid(2);
        } catch (SQLException e) {
            throw failure("database unreachable", e);
        }
        if (!valid) {
            throw new LedgerException("database connection is not valid", null);
        }
    }
}
