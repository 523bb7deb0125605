package com.refundhub.config;

import java.util.List;

/** {@code refundhub.db.*}: the ledger's database. */
public record DbSettings(String url, String user, String password, int poolSize) {
    public static final Setting<String> URL = Setting.of("refundhub.db.url",
            Types.connectionUrl("jdbc:", "jdbc:postgresql://host:5432/refundhub"), "jdbc:h2:file:./data/refundhub",
            "ledger JDBC URL: an embedded H2 file, or jdbc:postgresql://... (several instances share one)");
    public static final Setting<String> USER = Setting.of("refundhub.db.user", Types.TEXT, "sa", "ledger user");
    public static final Setting<String> PASSWORD = Setting.of("refundhub.db.password", Types.TEXT, null,
            "ledger password (none by default)").secret();
    public static final Setting<Integer> POOL_SIZE = Setting.of("refundhub.db.pool-size", Types.integer(1, 1000), "20",
            "connections in the pool (Quartz's clustered job store opens 5 more)");

    public static final List<Setting<?>> SETTINGS = List.of(URL, USER, PASSWORD, POOL_SIZE);

    static DbSettings read(SettingValues v) {
        String password = v.get(PASSWORD);
        return new DbSettings(v.get(URL), v.get(USER), password == null ? "" : password, v.get(POOL_SIZE));
    }

}
