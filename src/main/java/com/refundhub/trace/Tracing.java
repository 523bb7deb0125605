package com.refundhub.trace;

import com.refundhub.config.ObservabilitySettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The hub's OpenTelemetry tracer (SPEC §12): off unless {@code refundhub.tracing.otlp-endpoint} is set; then spans are
 * sampled at {@code .sample-ratio} (a caller's traceparent decides for its own trace) and exported in batches over
 * OTLP/HTTP. More span processors may be added while it runs (an embedding application's, a test's in-memory exporter).
 */
public final class Tracing implements AutoCloseable {
    static final String SERVICE = "refundhub";

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final List<SpanProcessor> added;

    private Tracing(SdkTracerProvider provider, List<SpanProcessor> added) {
        this.provider = provider;
        this.added = added;
        this.tracer = provider == null ? TracerProvider.noop().get(SERVICE) : provider.get(SERVICE);
    }

    /** No tracing: every hook of {@link RefundTraces} returns at once. */
    public static Tracing off() {
        return new Tracing(null, List.of());
    }

    /** As configured; {@code instanceId} names this instance among several on one ledger. */
    public static Tracing of(ObservabilitySettings settings, String instanceId) {
        if (!settings.tracing()) {
            return off();
        }
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(tracesUrl(settings.otlpEndpoint()))
                .setTimeout(Duration.ofSeconds(10)).build();
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.builder()
                .put("service.name", SERVICE).put("service.instance.id", instanceId).build()));
        List<SpanProcessor> added = new CopyOnWriteArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampleRatio())))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .addSpanProcessor(new Added(added))
                .build();
        return new Tracing(provider, added);
    }

    /** The collector's base URL, or its full {@code /v1/traces} URL, as OTLP/HTTP exporters take them. */
    static String tracesUrl(String endpoint) {
        String base = endpoint.replaceAll("/+$", "");
        return base.endsWith("/v1/traces") ? base : base + "/v1/traces";
    }

    public boolean enabled() {
        return provider != null;
    }

    Tracer tracer() {
        return tracer;
    }

    /** Adds a span processor that sees every span from now on (when tracing is on). */
    public void addSpanProcessor(SpanProcessor processor) {
        added.add(processor);
    }

    /** Sends what is still buffered, then stops (the hub stopping, after its routes). */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    /** Hands each span to the processors added at run time. */
    private record Added(List<SpanProcessor> processors) implements SpanProcessor {
        @Override
        public void onStart(Context parent, ReadWriteSpan span) {
            processors.forEach(p -> p.onStart(parent, span));
        }

        @Override
        public boolean isStartRequired() {
            return true;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            processors.forEach(p -> p.onEnd(span));
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofAll(processors.stream().map(SpanProcessor::forceFlush).toList());
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofAll(processors.stream().map(SpanProcessor::shutdown).toList());
        }
    }
}
