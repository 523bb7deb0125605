package com.refundhub.config;

import java.util.List;

/** {@code refundhub.log.*} and {@code refundhub.tracing.*}: how the hub writes its log, and where its traces go. */
public record ObservabilitySettings(LogFormat logFormat, String otlpEndpoint, double sampleRatio) {
    public enum LogFormat { PLAIN, JSON }

    public static final Setting<LogFormat> LOG_FORMAT = Setting.of("refundhub.log.format", Types.oneOf(LogFormat.class),
            "plain", "plain: one line of text per event; json: one JSON object per line (time, level, logger, thread, "
                    + "message, and refundId, channel and traceId while the hub works on a refund) for a log pipeline");
    public static final Setting<String> OTLP_ENDPOINT = Setting.of("refundhub.tracing.otlp-endpoint", Types.HTTP_URL,
            null, "an OpenTelemetry collector's OTLP/HTTP receiver, e.g. http://127.0.0.1:4318 (spans go to "
                    + "/v1/traces under it); not set: no tracing at all");
    public static final Setting<Double> SAMPLE_RATIO = Setting.of("refundhub.tracing.sample-ratio", Types.RATIO, "1.0",
            "the share of new traces recorded (0 to 1); a caller's traceparent decides for the refunds it sends");

    public static final List<Setting<?>> SETTINGS = List.of(LOG_FORMAT, OTLP_ENDPOINT, SAMPLE_RATIO);

    static ObservabilitySettings read(SettingValues v) {
        return new ObservabilitySettings(v.get(LOG_FORMAT), v.get(OTLP_ENDPOINT), v.get(SAMPLE_RATIO));
    }

    public boolean tracing() {
        return otlpEndpoint != null;
    }
}
