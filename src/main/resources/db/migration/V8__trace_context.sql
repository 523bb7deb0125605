-- The W3C traceparent of the trace a refund started (SPEC §12): its inquiries, resends and webhook deliveries, hours
-- later and on any instance, are spans of the same trace. Null when tracing is off. Portable SQL on purpose.
ALTER TABLE refunds ADD COLUMN trace_parent VARCHAR(55);
