package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Is the ledger sound: every index agrees with its table, every page and row is well formed, every reference points
 * at a row. On SQLite its own checks ({@code PRAGMA integrity_check}: the b-trees, and each index's entries against a
 * scan of its table both ways; {@code PRAGMA foreign_key_check}). On PostgreSQL the amcheck extension's
 * {@code bt_index_check(index, heapallindexed)} for every index of the ledger, where the extension can be had.
 * It reads one snapshot, so it may run beside a working hub.
 */
public final class LedgerCheck {
    private LedgerCheck() {
    }

    /** What the check found: nothing wrong ({@link #sound}), or one line per problem; and what it looked at. */
    public record Report(List<String> problems, String checked) {
        public boolean sound() {
            return problems.isEmpty();
        }
    }

    public static Report run(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return Engine.under(c) == Engine.SQLITE ? sqlite(c) : postgres(c);
        } catch (SQLException e) {
            return new Report(List.of("cannot be read: " + e.getMessage()), "nothing");
        }
    }

    static Report sqlite(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check(100)")) {
            while (rs.next()) {
                if (!rs.getString(1).equals("ok")) {
                    problems.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
            while (rs.next() && problems.size() < 100) {
                problems.add("row " + rs.getLong(2) + " of " + rs.getString(1) + " refers to a missing row of "
                        + rs.getString(3));
            }
        }
        long indexes = Jdbc.first(c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'", Jdbc.NO_PARAMETERS,
                rs -> rs.getLong(1)).orElse(0L);
        long refunds = Jdbc.first(c, "SELECT COUNT(*) FROM refunds", Jdbc.NO_PARAMETERS, rs -> rs.getLong(1)).orElse(0L);
        return new Report(problems, "SQLite integrity and foreign keys: " + indexes + " indexes, " + refunds + " refunds");
    }

    static Report postgres(Connection c) throws SQLException {
        boolean amcheck = Jdbc.first(c, "SELECT 1 FROM pg_extension WHERE extname = 'amcheck'", Jdbc.NO_PARAMETERS,
                rs -> true).orElse(false);
        if (!amcheck) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS amcheck");
            } catch (SQLException e) {
                return new Report(List.of(), "nothing: PostgreSQL's amcheck extension is not installed and could not be "
                        + "created (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        List<String> problems = new ArrayList<>();
        List<String> indexes = Jdbc.query(c, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                + "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' "
                + "AND t.relnamespace = current_schema()::regnamespace", Jdbc.NO_PARAMETERS, rs -> rs.getString(1));
        for (String index : indexes) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT bt_index_check('" + index + "'::regclass, true)");
            } catch (SQLException e) {
                problems.add(index + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        return new Report(problems, "PostgreSQL amcheck: " + indexes.size() + " indexes against their tables");
    }
}
