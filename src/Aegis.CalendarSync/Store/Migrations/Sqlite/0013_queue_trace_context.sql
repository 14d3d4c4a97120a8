-- Issue 14. The W3C trace context (traceparent) of the span that enqueued an item, so its processing span joins the
-- trace of the request that caused it. Set by the application: for from_google work by the enqueueing statement,
-- for to_google work (enqueued by the trigger) by a second statement in the writing transaction. Null when tracing
-- is off or the write came from outside the application.
ALTER TABLE sync_queue ADD COLUMN trace_parent TEXT;
