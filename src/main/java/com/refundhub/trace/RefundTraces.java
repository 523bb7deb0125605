package com.refundhub.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRefusedException;
import com.refundhub.core.RefundRequest;
import com.refundhub.ledger.ProviderExchange;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.route.LogContext;
import com.refundhub.route.RouteProperties;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.camel.Exchange;

/**
 * A refund's trace (SPEC §12), from the steps every refund passes through, whatever its intake or provider: the intake's
 * span starts from the caller's {@code traceparent} (an HTTP header, a JMS property) or a new trace (a file's row) in
 * route {@code accept}; each provider call (route {@code provider-call}) is a client span of it and carries
 * {@code traceparent} out; each inquiry (route {@code inquire}) and each webhook delivery is a span of the trace the
 * ledger kept with the refund, however much later. Spans carry {@code refundhub.refund_id}, {@code refundhub.channel} and
 * {@code refundhub.outcome}. With tracing off every step returns at once.
 */
public class RefundTraces {
    public static final String TRACEPARENT = "traceparent";
    static final AttributeKey<String> REFUND_ID = AttributeKey.stringKey("refundhub.refund_id");
    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("refundhub.channel");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("refundhub.outcome");
    static final AttributeKey<String> INTAKE = AttributeKey.stringKey("refundhub.intake");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("refundhub.operation");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<String> ONE_TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return Collections.singleton(TRACEPARENT);
        }

        @Override
        public String get(String carrier, String key) {
            return TRACEPARENT.equals(key) ? carrier : null;
        }
    };

    private final Tracing tracing;
    private final RefundQueries queries;

    public RefundTraces(Tracing tracing, RefundQueries queries) {
        this.tracing = tracing;
        this.queries = queries;
    }

    /** Tracing off: every step returns at once. */
    public static RefundTraces off() {
        return new RefundTraces(Tracing.off(), null);
    }

    public boolean enabled() {
        return tracing.enabled();
    }

    // ---- route accept: the intake's span ----

    /** Before accept: the refund's trace starts, from the caller's {@code traceparent} when it sent one. */
    public void received(Exchange exchange) {
        if (!enabled()) {
            return;
        }
        String intake = RouteProperties.INTAKE.get(exchange, "HTTP");
        Context parent = parent(exchange.getMessage().getHeader(TRACEPARENT, String.class));
        Span span = tracing.tracer().spanBuilder("refund " + intake.toLowerCase(java.util.Locale.ROOT))
                .setParent(parent).setSpanKind(switch (intake) {
                    case "HTTP" -> SpanKind.SERVER;
                    case "JMS" -> SpanKind.CONSUMER;
                    default -> SpanKind.INTERNAL;
                }).setAttribute(INTAKE, intake).startSpan();
        if (exchange.getMessage().getBody() instanceof RefundRequest request) {
            span.setAttribute(REFUND_ID, request.refundId());
            span.setAttribute(CHANNEL, request.channel());
        }
        Context context = parent.with(span);
        RouteProperties.INTAKE_SPAN.set(exchange, span);
        RouteProperties.TRACE.set(exchange, context);
        RouteProperties.TRACE_PARENT.set(exchange, traceparent(context));
    }

    /** After accept and the send, or a refusal (accept's doFinally): the intake's span ends with what came of it. */
    public void intakeDone(Exchange exchange) {
        Span span = RouteProperties.INTAKE_SPAN.get(exchange);
        if (span == null) {
            return;
        }
        RouteProperties.INTAKE_SPAN.remove(exchange);
        Throwable failure = failure(exchange);
        if (failure instanceof RefundRefusedException refused) {
            span.setAttribute(OUTCOME, "REJECTED " + refused.code());
        } else if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            span.setAttribute(OUTCOME, "ERROR");
        } else {
            span.setAttribute(OUTCOME, outcome(exchange, RouteProperties.CREATED.isTrue(exchange) ? "RECEIVED" : "EXISTING"));
        }
        span.end();
    }

    // ---- route inquire: the inquiry's span ----

    /** An inquiry is a span of the refund's trace as the ledger keeps it. */
    public void inquiryStarted(Exchange exchange) {
        if (!enabled()) {
            return;
        }
        String refundId = RouteProperties.REFUND_ID.require(exchange);
        Context parent = parent(queries.traceParent(refundId).orElse(null));
        Span span = started(tracing.tracer().spanBuilder("refund inquiry").setParent(parent)
                .setSpanKind(SpanKind.INTERNAL), refundId, channel(exchange));
        RouteProperties.INQUIRY_SPAN.set(exchange, span);
        RouteProperties.TRACE.set(exchange, parent.with(span));
        LogContext.trace(span.getSpanContext().getTraceId(), span.getSpanContext().getSpanId());
    }

    public void inquiryDone(Exchange exchange) {
        Span span = RouteProperties.INQUIRY_SPAN.get(exchange);
        if (span != null) {
            RouteProperties.INQUIRY_SPAN.remove(exchange);
            RouteProperties.TRACE.remove(exchange);
            ended(span, exchange, outcome(exchange, "NOT_ASKED"));
        }
    }

    // ---- route provider-call: the provider call's client span ----

    /** The request is about to go out: a client span of the refund's trace, and {@code traceparent} on the request. */
    public void callStarted(Exchange exchange) {
        if (!enabled()) {
            return;
        }
        String refundId = RouteProperties.REFUND_ID.require(exchange);
        Context parent = RouteProperties.TRACE.get(exchange);
        if (parent == null) {   // a refund sent again later (waiting for its channel): the trace the ledger kept
            parent = parent(queries.traceParent(refundId).orElse(null));
        }
        Operation operation = RouteProperties.OPERATION.require(exchange);
        Span span = started(tracing.tracer().spanBuilder("provider " + operation.tableName()).setParent(parent)
                .setSpanKind(SpanKind.CLIENT).setAttribute(OPERATION, operation.tableName()), refundId, channel(exchange));
        RouteProperties.CALL_SPAN.set(exchange, span);
        Context call = parent.with(span);
        exchange.getMessage().setHeader(TRACEPARENT, traceparent(call));
        LogContext.trace(span.getSpanContext().getTraceId(), span.getSpanContext().getSpanId());
    }

    /** The call is over (provider-call's doFinally): how it went at the HTTP level. */
    public void callDone(Exchange exchange) {
        Span span = RouteProperties.CALL_SPAN.get(exchange);
        if (span == null) {
            return;
        }
        RouteProperties.CALL_SPAN.remove(exchange);
        ProviderExchange call = RouteProperties.PROVIDER_EXCHANGE.get(exchange);
        if (call != null && call.httpStatus() != null) {
            span.setAttribute(HTTP_STATUS, (long) call.httpStatus());
        }
        ProviderOutcome early = RouteProperties.OUTCOME.get(exchange);   // set only when there was no usable answer
        String outcome = RouteProperties.ANSWERED.isTrue(exchange) ? "ANSWERED"
                : early != null ? early.kind().name() : "NO_ANSWER";
        if (!RouteProperties.ANSWERED.isTrue(exchange)) {
            span.setStatus(StatusCode.ERROR, call != null && call.error() != null ? call.error() : outcome);
        }
        span.setAttribute(OUTCOME, outcome);
        span.end();
    }

    // ---- webhook deliveries ----

    /** A webhook delivery's client span, a child of the refund's trace; the headers to add to its request. */
    public Delivery delivery(String webhook, String refundId, String payload) {
        if (!enabled()) {
            return Delivery.NONE;
        }
        Context parent = parent(queries.traceParent(refundId).orElse(null));
        Span span = started(tracing.tracer().spanBuilder("webhook delivery").setParent(parent)
                .setSpanKind(SpanKind.CLIENT).setAttribute("refundhub.webhook", webhook), refundId,
                channelOf(payload));
        LogContext.trace(span.getSpanContext().getTraceId(), span.getSpanContext().getSpanId());
        return new Delivery(span, traceparent(parent.with(span)));
    }

    /** One webhook delivery's span: {@link #headers} go on the request; {@link #ended} says how it went. */
    public record Delivery(Span span, String traceparent) {
        static final Delivery NONE = new Delivery(null, null);

        public void headers(BiConsumer<String, String> header) {
            if (traceparent != null) {
                header.accept(TRACEPARENT, traceparent);
            }
        }

        /** @param status the HTTP status, null when none came; {@code outcome} DELIVERED, RETRIED or FAILED */
        public void ended(Integer status, String outcome, String error) {
            if (span == null) {
                return;
            }
            if (status != null) {
                span.setAttribute(HTTP_STATUS, (long) status);
            }
            if (error != null || status == null || status / 100 != 2) {
                span.setStatus(StatusCode.ERROR, error != null ? error : "HTTP " + status);
            }
            span.setAttribute(OUTCOME, outcome);
            span.end();
        }
    }

    // ----

    private static Span started(SpanBuilder builder, String refundId, String channel) {
        builder.setAttribute(REFUND_ID, refundId);
        if (channel != null) {
            builder.setAttribute(CHANNEL, channel);
        }
        return builder.startSpan();
    }

    private static void ended(Span span, Exchange exchange, String outcome) {
        Throwable failure = failure(exchange);
        if (failure != null) {
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
        span.setAttribute(OUTCOME, outcome);
        span.end();
    }

    /** The outcome the outcome route decided, else {@code otherwise}. */
    private static String outcome(Exchange exchange, String otherwise) {
        ProviderOutcome.Kind kind = RouteProperties.OUTCOME_KIND.get(exchange);
        return kind != null ? kind.name() : otherwise;
    }

    private static Throwable failure(Exchange exchange) {
        Throwable e = exchange.getException();
        return e != null ? e : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    private static String channel(Exchange exchange) {
        ChannelConfig channel = RouteProperties.CHANNEL.get(exchange);
        return channel == null ? null : channel.getName();
    }

    private static String channelOf(String payload) {
        try {
            JsonNode channel = Json.MAPPER.readTree(payload).path("refund").path("channel");
            return channel.isTextual() ? channel.asText() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** The context a {@code traceparent} names (root when there is none, or it is not valid W3C). */
    private static Context parent(String traceparent) {
        return traceparent == null ? Context.root() : W3C.extract(Context.root(), traceparent, ONE_TRACEPARENT);
    }

    private static String traceparent(Context context) {
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }
}
