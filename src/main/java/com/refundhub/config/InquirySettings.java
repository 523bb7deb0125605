package com.refundhub.config;

import java.time.Duration;
import java.util.List;

/** {@code refundhub.inquiry.*}, {@code refundhub.recovery.*}, {@code refundhub.received-lease}: settling refunds. */
public record InquirySettings(String cron, Duration maxAge, int untrustedLimit, int batchSize, int threads,
                              Duration claimLease, boolean clustered, Duration recoveryInterval,
                              Duration receivedLease) {
    public static final Setting<String> CRON = Setting.of("refundhub.inquiry.cron", Types.CRON, "0/10 * * * * ?",
            "Quartz schedule of the inquiry route");
    public static final Setting<Duration> MAX_AGE = Setting.of("refundhub.inquiry.max-age",
            Types.duration(Duration.ofSeconds(1)), "72h",
            "a refund not final at this age (from its creation) goes to REVIEW/INQUIRY_EXHAUSTED");
    public static final Setting<Integer> UNTRUSTED_LIMIT = Setting.of("refundhub.inquiry.untrusted-limit",
            Types.integer(1, 1000), "3", "answers in a row that cannot be believed before REVIEW");
    public static final Setting<Integer> BATCH_SIZE = Setting.of("refundhub.inquiry.batch-size",
            Types.integer(1, 100_000), "500", "refunds claimed per Quartz firing");
    public static final Setting<Integer> THREADS = Setting.of("refundhub.inquiry.threads", Types.integer(1, 1024), "16",
            "inquiries in parallel (each also bounded by its channel's max-concurrency)");
    public static final Setting<Duration> CLAIM_LEASE = Setting.of("refundhub.inquiry.claim-lease",
            Types.duration(Duration.ofSeconds(1)), "5m", "how long an instance holds a claimed inquiry");
    public static final Setting<Boolean> CLUSTERED = Setting.of("refundhub.inquiry.clustered", Types.FLAG, "false",
            "Quartz on its clustered JDBC job store in the ledger's database (several instances on one PostgreSQL)");
    public static final Setting<Duration> RECOVERY_INTERVAL = Setting.of("refundhub.recovery.interval",
            Types.millis(Duration.ofMillis(1)), "30s",
            "how often interrupted sends and never-sent refunds are looked for");
    public static final Setting<Duration> RECEIVED_LEASE = Setting.of("refundhub.received-lease",
            Types.duration(Duration.ofSeconds(1)), "5m",
            "how long a RECEIVED refund belongs to the intake that recorded it");

    public static final List<Setting<?>> SETTINGS = List.of(CRON, MAX_AGE, UNTRUSTED_LIMIT, BATCH_SIZE, THREADS,
            CLAIM_LEASE, CLUSTERED, RECOVERY_INTERVAL, RECEIVED_LEASE);

    static InquirySettings read(SettingValues v) {
        return new InquirySettings(v.get(CRON), v.get(MAX_AGE), v.get(UNTRUSTED_LIMIT), v.get(BATCH_SIZE),
                v.get(THREADS), v.get(CLAIM_LEASE), v.get(CLUSTERED), v.get(RECOVERY_INTERVAL), v.get(RECEIVED_LEASE));
    }
}
