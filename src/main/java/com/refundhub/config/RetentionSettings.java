package com.refundhub.config;

import java.time.Duration;
import java.util.List;

/** {@code refundhub.retention.*}: removing the details of old final refunds (docs/operations.md, "Retention"). */
public record RetentionSettings(boolean enabled, Duration maxAge, int batchSize, Duration interval) {
    public static final Setting<Boolean> ENABLED = Setting.of("refundhub.retention.enabled", Types.FLAG, "true",
            "remove the provider exchange bodies of final refunds older than max-age; the refund, its fingerprint, "
                    + "final status and whole history (the append-only audit trail) stay (idempotency has no expiry)");
    public static final Setting<Duration> MAX_AGE = Setting.of("refundhub.retention.max-age",
            Types.duration(Duration.ofMinutes(1)), "90d",
            "a final refund's details are removed this long after its last change (SUCCEEDED, FAILED, REJECTED only)");
    public static final Setting<Integer> BATCH_SIZE = Setting.of("refundhub.retention.batch-size",
            Types.integer(1, 1000), "200", "refunds pruned per transaction");
    public static final Setting<Duration> INTERVAL = Setting.of("refundhub.retention.interval",
            Types.duration(Duration.ofSeconds(1)), "10m",
            "how often old refunds are looked for; one instance of a cluster prunes at a time, batch after batch");

    public static final List<Setting<?>> SETTINGS = List.of(ENABLED, MAX_AGE, BATCH_SIZE, INTERVAL);

    static RetentionSettings read(SettingValues v) {
        return new RetentionSettings(v.get(ENABLED), v.get(MAX_AGE), v.get(BATCH_SIZE), v.get(INTERVAL));
    }
}
