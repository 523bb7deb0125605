package com.refundhub.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code refundhub.inbox}, {@code refundhub.outbox}, {@code refundhub.batch.*}: the file drop. */
public record FileDropSettings(Path inbox, Path outbox, int threads, Duration readLockInterval,
                               Duration progressInterval, Duration finalCheckInterval, Duration claimLease) {
    public static final Setting<Path> INBOX = Setting.of("refundhub.inbox", Types.PATH, "data/inbox",
            "folder watched for *.csv and *.jsonl refund files");
    public static final Setting<Path> OUTBOX = Setting.of("refundhub.outbox", Types.PATH, "data/outbox",
            "folder of the NAME.results.csv and NAME.final.csv files");
    public static final Setting<Integer> THREADS = Setting.of("refundhub.batch.threads", Types.integer(1, 1024), "32",
            "rows of one file in flight at once (each also waits for its channel's max-concurrency)");
    public static final Setting<Duration> READ_LOCK_INTERVAL = Setting.of("refundhub.batch.read-lock-interval",
            Types.millis(Duration.ofMillis(1)), "1s", "a file is taken once its size and time stayed unchanged this long");
    public static final Setting<Duration> PROGRESS_INTERVAL = Setting.of("refundhub.batch.progress-interval",
            Types.millis(Duration.ofMillis(1)), "10s",
            "a progress log line per file being read; also how often its reader renews its claim");
    public static final Setting<Duration> FINAL_CHECK_INTERVAL = Setting.of("refundhub.batch.final-check-interval",
            Types.millis(Duration.ofMillis(1)), "5s", "how often batches are checked for NAME.final.csv");
    public static final Setting<Duration> CLAIM_LEASE = Setting.of("refundhub.batch.claim-lease",
            Types.duration(Duration.ofSeconds(1)), "2m", "a file's claim lasts this long unless renewed by its reader");

    public static final List<Setting<?>> SETTINGS = List.of(INBOX, OUTBOX, THREADS, READ_LOCK_INTERVAL,
            PROGRESS_INTERVAL, FINAL_CHECK_INTERVAL, CLAIM_LEASE);

    static FileDropSettings read(SettingValues v) {
        return new FileDropSettings(v.get(INBOX), v.get(OUTBOX), v.get(THREADS), v.get(READ_LOCK_INTERVAL),
                v.get(PROGRESS_INTERVAL), v.get(FINAL_CHECK_INTERVAL), v.get(CLAIM_LEASE));
    }
}
