-- Tracing (SPEC §12): the W3C traceparent of the trace a refund started with (HTTP header, JMS property, or a new trace
-- per file row), so that an inquiry or a webhook delivery hours later joins it. NULL when tracing is off.
ALTER TABLE refunds ADD COLUMN trace_parent TEXT;
