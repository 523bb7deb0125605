package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** The little JDBC the ledger's repositories share: queries, updates and transactions on one pool. */
final class Jdbc {
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

    Jdbc(DataSource ds) {
        this.ds = ds;
    }

    Connection connection() throws SQLException {
        return ds.getConnection();
    }

    <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = ds.getConnection()) {
            return query(c, sql, binder, mapper);
        } catch (SQLException e) {
            throw new LedgerException("query failed", e);
        }
    }

    int update(String sql, Binder binder) {
        try (Connection c = ds.getConnection()) {
            return update(c, sql, binder);
        } catch (SQLException e) {
            throw new LedgerException("update failed", e);
        }
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

    /** An update on a connection the caller holds (inside a transaction). */
    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    <T> T inTransaction(SqlWork<T> work) throws SQLException {
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
}
