-- Issue 13. Leases of the jobs that must run on exactly one node at a time (channel renewal, clean-up): one row per
-- job; a node holds the job while expires_at is in the future. fencing_token grows by one at every change of holder,
-- so a node whose lease lapsed (paused, partitioned) is refused on its next renew and stops.
CREATE TABLE job_leases (
    job_name      TEXT    NOT NULL PRIMARY KEY,
    holder        TEXT    NOT NULL,
    fencing_token integer  NOT NULL,
    expires_at    text NOT NULL
);

-- Issue 13. One user's Google request budget shared by every node (GCRA): the theoretical arrival time of the next
-- request, in microseconds since the Unix epoch (plain integer arithmetic in one statement on both engines). A node reserves k requests in one statement (tat = max(tat, now) + k * interval) and sends them when
-- tat - burst * interval is reached, so all nodes together never exceed the configured rate plus its burst.
CREATE TABLE google_rate_budget (
    user_id TEXT    NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    tat_micros INTEGER NOT NULL
);
