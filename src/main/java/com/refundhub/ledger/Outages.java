package com.refundhub.ledger;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Which database failures mean the ledger is unavailable, as opposed to a statement it refused (a constraint, a guard):
 * PostgreSQL unreachable, restarting, shutting down, out of connections, or slower than the socket timeout; no
 * connection free in the pool within its timeout; a disk too full to write, or a database that became read-only (a
 * standby after a failover). What it says is kept short for the one log line and {@code /health}.
 */
final class Outages {
    /** Unreachable: nothing can be read either. Cannot write: reads still work (a full disk). */
    enum Kind { UNREACHABLE, CANNOT_WRITE }

    private Outages() {
    }

    /** The kind of outage {@code e} (or one of its causes) shows, or null when it is none. */
    static Kind of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Kind k = one(t);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    private static Kind one(Throwable t) {
        if (t instanceof SQLTransientConnectionException || t instanceof SocketTimeoutException) {
            return Kind.UNREACHABLE;   // no connection within the pool's timeout; a round trip past the socket timeout
        }
        if (t instanceof SQLiteException s) {
            return sqlite(s.getResultCode());
        }
        if (t instanceof SQLException s && s.getSQLState() != null) {
            return postgres(s.getSQLState());
        }
        return null;
    }

    private static Kind sqlite(SQLiteErrorCode code) {
        if (code == null) {
            return null;
        }
        return switch (code.code & 0xff) {   // the primary code of an extended one (SQLITE_IOERR_WRITE...)
            case 13, 10, 8 -> Kind.CANNOT_WRITE;   // SQLITE_FULL, SQLITE_IOERR, SQLITE_READONLY
            case 14 -> Kind.UNREACHABLE;           // SQLITE_CANTOPEN
            default -> null;
        };
    }

    private static Kind postgres(String state) {
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                || state.equals("53300") || state.equals("53200")) {
            return Kind.UNREACHABLE;   // connection failure; shutdown, crash, starting up; no connection slot, no memory
        }
        if (state.equals("53100") || state.equals("25006") || state.equals("58030")) {
            return Kind.CANNOT_WRITE;  // disk full; read-only (a standby); I/O error
        }
        return null;
    }
}
