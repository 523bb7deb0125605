package com.refundhub.config;

import java.time.Duration;
import java.util.List;

/** {@code refundhub.db.*}: the ledger's database. */
public record DbSettings(String url, String user, String password, int poolSize, java.nio.file.Path backupDir,
                         Duration connectionTimeout, Duration socketTimeout) {
    public static final String SQLITE = "jdbc:sqlite:";
    public static final String POSTGRESQL = "jdbc:postgresql:";
    static final String H2 = "jdbc:h2:";

    /**
     * An embedded SQLite file or a PostgreSQL server. H2, the embedded engine of earlier releases, is refused with the
     * one command that converts its ledger (docs/guarantees.md, "The embedded ledger").
     */
    static final ValueType<String> LEDGER_URL = ValueType.of("URL",
            "jdbc:sqlite:FILE (embedded) or jdbc:postgresql://host:5432/refundhub", t -> {
                if (t.toLowerCase(java.util.Locale.ROOT).startsWith(H2)) {
                    throw new IllegalArgumentException("H2 is no longer a ledger engine (a killed process could leave "
                            + "its file unsound); convert this ledger once with: java -jar refundhub.jar --migrate-ledger "
                            + t.split(";")[0] + " (it writes PATH.db beside PATH.mv.db), then set the jdbc:sqlite: URL "
                            + "it prints");
                }
                if (!t.startsWith(SQLITE) && !t.startsWith(POSTGRESQL)) {
                    throw new IllegalArgumentException("neither " + SQLITE + " nor " + POSTGRESQL);
                }
                if (t.equals(SQLITE) || t.startsWith(SQLITE + ":memory:")) {
                    throw new IllegalArgumentException("an embedded ledger is a file");
                }
                return t;
            }).withPrintable(Types::withoutPasswords);

    public static final Setting<String> URL = Setting.of("refundhub.db.url", LEDGER_URL, "jdbc:sqlite:./data/refundhub.db",
            "ledger JDBC URL: an embedded SQLite file, or jdbc:postgresql://... (several instances share one)");
    public static final Setting<String> USER = Setting.of("refundhub.db.user", Types.TEXT, "sa",
            "ledger user (PostgreSQL)");
    public static final Setting<String> PASSWORD = Setting.of("refundhub.db.password", Types.TEXT, null,
            "ledger password (PostgreSQL; none by default)").secret();
    public static final Setting<Integer> POOL_SIZE = Setting.of("refundhub.db.pool-size", Types.integer(1, 1000), "20",
            "connections in the pool (Quartz's clustered job store opens 5 more)");

    public static final Setting<java.nio.file.Path> BACKUP_DIR = Setting.of("refundhub.db.backup-dir", Types.PATH,
            "data/backups", "where POST /admin/backup writes the embedded ledger's backups (refundhub-TIME.db)");

    public static final Setting<Duration> CONNECTION_TIMEOUT = Setting.of("refundhub.db.connection-timeout",
            Types.duration(Duration.ofSeconds(1)), "3s", "how long work waits for a ledger connection (from the pool, or "
                    + "a new one to PostgreSQL) before the ledger counts as unavailable: POST /refunds then answers 503");
    public static final Setting<Duration> SOCKET_TIMEOUT = Setting.of("refundhub.db.socket-timeout",
            Types.duration(Duration.ofSeconds(1)), "10s", "PostgreSQL: how long one round trip may take; a statement "
                    + "stuck longer breaks its connection and the ledger counts as unavailable");

    public static final List<Setting<?>> SETTINGS = List.of(URL, USER, PASSWORD, POOL_SIZE, BACKUP_DIR,
            CONNECTION_TIMEOUT, SOCKET_TIMEOUT);

    static DbSettings read(SettingValues v) {
        String password = v.get(PASSWORD);
        return new DbSettings(v.get(URL), v.get(USER), password == null ? "" : password, v.get(POOL_SIZE),
                v.get(BACKUP_DIR), v.get(CONNECTION_TIMEOUT), v.get(SOCKET_TIMEOUT));
    }

}
