-- Event batches whose alerts are stored. The stream delivers at least once: a worker that dies
-- after its commit but before its ack gets the batch again. Recording the batch id in the same
-- transaction as the alerts makes the redelivery a no-op. Rows older than the stream's
-- retention (7 days) can no longer be redelivered and are pruned by the workers.
CREATE TABLE rw_handled_batches (
  id uuid PRIMARY KEY,
  handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rw_handled_batches_at_idx ON rw_handled_batches (handled_at);
