package com.refundhub.route;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.intake.BatchRow;
import com.refundhub.ledger.LineRef;
import com.refundhub.ledger.ProviderExchange;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.provider.ProviderWire.WireRequest;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every exchange property the refund flow carries between route steps, defined once: its name (used as is by the
 * YAML routes, e.g. {@code ${exchangeProperty.callProvider}}; a test fails on a name in {@code routes/} that is
 * not here) and its type. A fact a route decides on is set explicitly, true or false, by the step before it: no
 * decision to send, inquire or resend is taken on a property that is missing.
 */
public final class RouteProperties {

    // ---- the intakes and the accept step (route accept) ----
    /** HTTP, FILE or JMS: the way the request came in (set by the intake). */
    public static final RouteProperty<String> INTAKE = of("intake", String.class);
    /** The batch line a request comes from, kept with the new refund in the same transaction. */
    public static final RouteProperty<LineRef> LINE_REF = of("lineRef", LineRef.class);
    /** The refund being worked on, by id (set by accept, the inquiry claim, the recovery loop, the HTTP API). */
    public static final RouteProperty<String> REFUND_ID = of("refundId", String.class);
    /**
     * Who asked for what this exchange does, named on the history entries it writes (SPEC §8.1): the HTTP client's
     * name (set by the API's key check), {@code file:NAME} or {@code jms} (set by those intakes); missing: the hub.
     */
    public static final RouteProperty<String> ACTOR = of("actor", String.class);
    /** Fact: accept recorded a new refund (true), or found the identical one recorded before (false). */
    public static final RouteProperty<Boolean> CREATED = of("created", Boolean.class);
    /**
     * The refund accept has just created, as written: the call set-up that follows takes it (and removes it) instead
     * of reading the row again.
     */
    public static final RouteProperty<RefundRecord> JUST_RECORDED = of("justRecorded", RefundRecord.class);

    // ---- tracing (SPEC §12; set by the trace package's RefundTraces; all missing while tracing is off) ----
    /** The W3C traceparent of the trace the refund starts (the intake's span), recorded with the refund. */
    public static final RouteProperty<String> TRACE_PARENT = of("traceParent", String.class);
    /** The context the next span of this exchange is a child of: the intake's span, or the inquiry's. */
    public static final RouteProperty<Context> TRACE = of("trace", Context.class);
    /** The span of the intake that received the refund (HTTP, JMS, a file's row), until accept and the send are done. */
    public static final RouteProperty<Span> INTAKE_SPAN = of("intakeSpan", Span.class);
    /** The span of one inquiry, a child of the refund's trace as the ledger keeps it. */
    public static final RouteProperty<Span> INQUIRY_SPAN = of("inquirySpan", Span.class);
    /** The span of one provider call (route provider-call). */
    public static final RouteProperty<Span> CALL_SPAN = of("callSpan", Span.class);

    // ---- setting up a provider call (routes send, inquire) ----
    /** The refund, as loaded for the call. */
    public static final RouteProperty<RefundRecord> RECORD = of("record", RefundRecord.class);
    /** Its channel. */
    public static final RouteProperty<ChannelConfig> CHANNEL = of("channel", ChannelConfig.class);
    /** REFUND or INQUIRY. */
    public static final RouteProperty<Operation> OPERATION = of("operation", Operation.class);
    /** Fact: the refund and its channel were found, so its provider route is to be called. */
    public static final RouteProperty<Boolean> CALL_PROVIDER = of("callProvider", Boolean.class);
    /** Fact: this send is the one resend "no such refund" allows (set by the outcome route's resend branch). */
    public static final RouteProperty<Boolean> RESEND = of("resend", Boolean.class);
    /**
     * Fact: the channel cannot take the call now (its breaker is open, or refunds held while it was open go first):
     * a refund waits as RECEIVED, an inquiry is deferred. When true, {@code callProvider} is false.
     */
    public static final RouteProperty<Boolean> WAIT_FOR_CHANNEL = of("waitForChannel", Boolean.class);
    /** Fact: this exchange holds a permit of its channel's circuit breaker for one call, until the call's outcome is known. */
    public static final RouteProperty<Boolean> BREAKER_PERMIT = of("breakerPermit", Boolean.class);

    // ---- the provider call (route provider-call and the provider routes) ----
    /** The provider's descriptor, the type of the channel at hand. */
    public static final RouteProperty<Descriptor> DESCRIPTOR = of("descriptor", Descriptor.class);
    /** The signed request as it goes out: method, path, headers, the exact body. */
    public static final RouteProperty<WireRequest> REQUEST = of("request", WireRequest.class);
    /** The camel-http endpoint of the call, with the channel's timeouts. */
    public static final RouteProperty<String> PROVIDER_URI = of("providerUri", String.class);
    /** The URL called, as kept with the exchange record. */
    public static final RouteProperty<String> PROVIDER_URL = of("providerUrl", String.class);
    /** System.nanoTime() when the HTTP call started. */
    public static final RouteProperty<Long> CALL_STARTED = of("callStarted", Long.class);
    /** Fact: this exchange holds a slot of the channel's gate. */
    public static final RouteProperty<Boolean> GATE_HELD = of("gateHeld", Boolean.class);
    /** Fact: the request went out (false: another worker holds the refund, nothing was sent). */
    public static final RouteProperty<Boolean> PROVIDER_CALLED = of("providerCalled", Boolean.class);
    /** Fact: the provider answered with a 2xx, so there is an answer to verify. */
    public static final RouteProperty<Boolean> ANSWERED = of("answered", Boolean.class);
    /** The answer, parsed and its signature checked. */
    public static final RouteProperty<ProviderAnswer> ANSWER = of("answer", ProviderAnswer.class);
    /** What the call came to: set as soon as it is known (no answer, non-2xx) or mapped by the outcome route. */
    public static final RouteProperty<ProviderOutcome> OUTCOME = of("outcome", ProviderOutcome.class);
    /** The call as it went, kept in the ledger with the change it leads to. */
    public static final RouteProperty<ProviderExchange> PROVIDER_EXCHANGE = of("providerExchange", ProviderExchange.class);

    // ---- facts the outcome route decides on (set, every one, by outcomeFacts) ----
    /** The outcome's kind: SUCCEEDED, FAILED, PENDING, UNKNOWN, UNTRUSTED or NO_SUCH_REFUND. */
    public static final RouteProperty<ProviderOutcome.Kind> OUTCOME_KIND = of("outcomeKind", ProviderOutcome.Kind.class);
    /** Fact: the provider refused our credentials (AUTH_FAILED). */
    public static final RouteProperty<Boolean> AUTH_FAILED = of("authFailed", Boolean.class);
    /** Fact: an inquiry, and the refund is older than refundhub.inquiry.max-age. */
    public static final RouteProperty<Boolean> INQUIRY_EXHAUSTED = of("inquiryExhausted", Boolean.class);
    /** Answers in a row, this one included, that could not be believed. */
    public static final RouteProperty<Integer> UNTRUSTED_IN_A_ROW = of("untrustedInARow", Integer.class);
    /** Fact: an inquiry's answer not believed, the refundhub.inquiry.untrusted-limit-th in a row. */
    public static final RouteProperty<Boolean> UNTRUSTED_LIMIT_REACHED = of("untrustedLimitReached", Boolean.class);
    /** Fact: "no such refund" for a PENDING refund whose outcome was unknown and that was not resent yet. */
    public static final RouteProperty<Boolean> RESEND_ALLOWED = of("resendAllowed", Boolean.class);
    /** Fact: a final answer the ledger refused because the refund is already final with another status. */
    public static final RouteProperty<Boolean> CONTRADICTS_FINAL_STATUS = of("contradictsFinalStatus", Boolean.class);

    // ---- file drop (routes intake-file, batch-row) ----
    /** The batch of the file being read. */
    public static final RouteProperty<Long> BATCH_ID = of("batchId", Long.class);
    /** The line being accepted. */
    public static final RouteProperty<BatchRow> BATCH_ROW = of("batchRow", BatchRow.class);
    /** Fact: the file can be read, so its rows are to be accepted (false: it goes to .error). */
    public static final RouteProperty<Boolean> FILE_READABLE = of("fileReadable", Boolean.class);
    /** Where the file consumer moves the file once done: {@code .done} or {@code .error}. */
    public static final RouteProperty<String> MOVE_TO = of("moveTo", String.class);

    // ---- JMS (route intake-jms) ----
    /** The message body as it came, for the DLQ. */
    public static final RouteProperty<Object> JMS_ORIGINAL = of("jmsOriginal", Object.class);

    private RouteProperties() {
    }

    private static <T> RouteProperty<T> of(String name, Class<T> type) {
        return new RouteProperty<>(name, type);
    }

    /** Every property defined above. */
    public static List<RouteProperty<?>> all() {
        List<RouteProperty<?>> all = new ArrayList<>();
        for (Field f : RouteProperties.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == RouteProperty.class) {
                try {
                    all.add((RouteProperty<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return all;
    }
}
