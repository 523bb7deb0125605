package com.refundhub.route;

import org.slf4j.MDC;

/**
 * What a log line says about the refund the hub is working on (SPEC §12): {@code refundId}, {@code channel} and, with
 * tracing, {@code traceId} and {@code spanId} in the logging context of the thread, written as fields by the JSON log
 * format. Set while a refund is at its provider (from the call set-up to the end of the send or the inquiry route) and
 * while a webhook delivery is made; always removed afterwards, so that a pooled thread carries nothing over.
 */
public final class LogContext {
    public static final String REFUND_ID = "refundId";
    public static final String CHANNEL = "channel";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private LogContext() {
    }

    public static void refund(String refundId, String channel) {
        MDC.put(REFUND_ID, refundId);
        if (channel != null) {
            MDC.put(CHANNEL, channel);
        }
    }

    /** The trace (and span) the thread's work belongs to; nothing when there is none. */
    public static void trace(String traceId, String spanId) {
        if (traceId != null) {
            MDC.put(TRACE_ID, traceId);
            MDC.put(SPAN_ID, spanId);
        }
    }

    public static void clear() {
        MDC.remove(REFUND_ID);
        MDC.remove(CHANNEL);
        MDC.remove(TRACE_ID);
        MDC.remove(SPAN_ID);
    }
}
