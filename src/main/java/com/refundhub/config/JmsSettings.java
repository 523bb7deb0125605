package com.refundhub.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code refundhub.jms.*} and {@code refundhub.events.*}: JMS intake, the broker, the event relay. */
public record JmsSettings(boolean enabled, String listen, String brokerUrl, String user, String password, Path dataDir,
                          int consumers, int maxDeliveries, Duration eventsInterval, int eventsBatchSize,
                          Duration eventsClaimLease) {
    public static final Setting<Boolean> ENABLED = Setting.of("refundhub.jms.enabled", Types.FLAG, "true",
            "JMS intake and events (false: no broker, no JMS routes)");
    public static final Setting<String> LISTEN = Setting.of("refundhub.jms.listen", Types.BROKER_URL,
            "tcp://127.0.0.1:61616", "the embedded broker's acceptor (CORE and AMQP)");
    public static final Setting<String> BROKER_URL = Setting.of("refundhub.jms.broker-url", Types.BROKER_URL, null,
            "an external broker (tcp://host:61616); when set, no embedded broker starts");
    public static final Setting<String> USER = Setting.of("refundhub.jms.user", Types.TEXT, null,
            "user at the external broker");
    public static final Setting<String> PASSWORD = Setting.of("refundhub.jms.password", Types.TEXT, null,
            "password at the external broker").secret();
    public static final Setting<Path> DATA_DIR = Setting.of("refundhub.jms.data-dir", Types.PATH, "data/artemis",
            "the embedded broker's journal");
    public static final Setting<Integer> CONSUMERS = Setting.of("refundhub.jms.consumers", Types.integer(1, 1000), "4",
            "concurrent consumers of refunds.requests");
    public static final Setting<Integer> MAX_DELIVERIES = Setting.of("refundhub.jms.max-deliveries",
            Types.integer(1, 1000), "10", "deliveries before the embedded broker dead-letters a failing message");
    public static final Setting<Duration> EVENTS_INTERVAL = Setting.of("refundhub.events.interval",
            Types.millis(Duration.ofMillis(1)), "200ms", "how often the event relay publishes the outbox");
    public static final Setting<Integer> EVENTS_BATCH_SIZE = Setting.of("refundhub.events.batch-size",
            Types.integer(1, 100_000), "500", "events published per relay run");
    public static final Setting<Duration> EVENTS_CLAIM_LEASE = Setting.of("refundhub.events.claim-lease",
            Types.duration(Duration.ofSeconds(1)), "1m",
            "how long a relay's claim on the outbox lasts (a dead relay's claim expires)");

    public static final List<Setting<?>> SETTINGS = List.of(ENABLED, LISTEN, BROKER_URL, USER, PASSWORD, DATA_DIR,
            CONSUMERS, MAX_DELIVERIES, EVENTS_INTERVAL, EVENTS_BATCH_SIZE, EVENTS_CLAIM_LEASE);

    static JmsSettings read(SettingValues v) {
        return new JmsSettings(v.get(ENABLED), v.get(LISTEN), v.get(BROKER_URL), v.get(USER), v.get(PASSWORD),
                v.get(DATA_DIR), v.get(CONSUMERS), v.get(MAX_DELIVERIES), v.get(EVENTS_INTERVAL),
                v.get(EVENTS_BATCH_SIZE), v.get(EVENTS_CLAIM_LEASE));
    }

    /** No external broker named: the hub starts its own. */
    public boolean embeddedBroker() {
        return brokerUrl == null;
    }
}
