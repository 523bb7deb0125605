package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The audit trail is append-only, and the database says so: after every migration a trigger is in place that refuses
 * any UPDATE or DELETE of {@code refund_history} (and a TRUNCATE, on PostgreSQL), whatever code or person issues it.
 * A future migration that truly must rewrite history drops the trigger in that migration, on purpose.
 */
public final class AppendOnlyHistory extends AfterMigrate {
    static final String TRIGGER = "refund_history_append_only";
    /** SQLSTATE of the refusal: insufficient privilege. */
    static final String REFUSED = "42501";

    private static final String[] POSTGRES = {
        "CREATE OR REPLACE FUNCTION " + TRIGGER + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "RAISE EXCEPTION 'refund_history is append-only: % refused', TG_OP USING ERRCODE = '" + REFUSED + "'; "
                + "END $$",
        "CREATE TRIGGER " + TRIGGER + " BEFORE UPDATE OR DELETE ON refund_history FOR EACH ROW EXECUTE FUNCTION "
                + TRIGGER + "()",
        "CREATE TRIGGER " + TRIGGER + "_truncate BEFORE TRUNCATE ON refund_history FOR EACH STATEMENT EXECUTE FUNCTION "
                + TRIGGER + "()"};
    private static final String[] SQLITE = {
        "CREATE TRIGGER IF NOT EXISTS " + TRIGGER + " BEFORE UPDATE ON refund_history "
                + "BEGIN SELECT RAISE(ABORT, 'refund_history is append-only: UPDATE refused'); END",
        "CREATE TRIGGER IF NOT EXISTS " + TRIGGER + "_delete BEFORE DELETE ON refund_history "
                + "BEGIN SELECT RAISE(ABORT, 'refund_history is append-only: DELETE refused'); END"};
    /** The trigger of a ledger made by an earlier release on H2: read once to be converted ({@link H2Conversion}). */
    private static final String H2 = "CREATE TRIGGER IF NOT EXISTS " + TRIGGER + " BEFORE UPDATE, DELETE ON refund_history "
            + "FOR EACH ROW CALL '" + Refusal.class.getName() + "'";

    public AppendOnlyHistory() {
        super("make refund_history append-only");
    }

    @Override
    void apply(Connection c, String product) throws SQLException {
        if (product.equals("SQLite")) {
            for (String sql : SQLITE) {
                Jdbc.update(c, sql, Jdbc.NO_PARAMETERS);
            }
        } else if (product.equals("H2")) {
            Jdbc.update(c, H2, Jdbc.NO_PARAMETERS);
        } else if (product.equals("PostgreSQL") && Jdbc.first(c, "SELECT 1 FROM pg_trigger WHERE tgname = ?",
                Jdbc.params(TRIGGER), rs -> 1).isEmpty()) {
            for (String sql : POSTGRES) {
                Jdbc.update(c, sql, Jdbc.NO_PARAMETERS);
            }
        }
    }

    /**
     * H2's trigger: fires before each UPDATE or DELETE of a history row and refuses it. A ledger made on H2 by an
     * earlier release names this class, so it stays for as long as such a ledger can be converted.
     */
    public static final class Refusal implements org.h2.api.Trigger {
        @Override
        public void fire(Connection c, Object[] oldRow, Object[] newRow) throws SQLException {
            throw new SQLException("refund_history is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " refused",
                    REFUSED);
        }
    }
}
