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
 */
final class Jdbc {
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
    /** SQLite's one writer; null on PostgreSQL, whose rows are locked one by one. */
    private final GroupWriter writer;
    /** One writer per pool, however many ledgers of this process share it; it leaves when its pool closes. */
    private static final Map<DataSource, GroupWriter> WRITERS = new ConcurrentHashMap<>();

    Jdbc(DataSource ds) {
        this.ds = ds;
        String url = read("cannot reach the ledger database", c -> c.getMetaData().getURL());
        this.engine = Engine.of(url);
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
            } finally {
                if (transaction) {
                    c.commit();
                    c.setAutoCommit(true);
                }
            }
            return null;
        });
    }

    /** Reads on one connection of the pool; a database failure becomes a {@link LedgerException} saying {@code what}. */
    <T> T read(String what, SqlWork<T> work) {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new LedgerException(what, e);
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

    /** {@link #write}, for a caller that acts on the database's error itself. */
    <T> T onConnection(SqlWork<T> work) throws SQLException {
        if (writer != null) {
            return writer.run(work);
        }
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        }
    }

    /** Work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(SqlWork<T> work) throws SQLException {
        if (writer != null) {
            return writer.run(work);
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    <T> T inTransaction(String what, SqlWork<T> work) {
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw new LedgerException(what, e);
        }
    }


    void ping() {
        boolean valid;
        try (Connection c = ds.getConnection()) {
            valid = c.isValid(2);
        } catch (SQLException e) {
            throw new LedgerException("database unreachable", e);
        }
        if (!valid) {
            throw new LedgerException("database connection is not valid", null);
        }
    }
}
