-- Server-owned (Aegis.CalendarSync.Server): failed sign-ins per account and temporary lockouts, shared by every node.
-- account_key is the normalized email (also for emails without an account, so a lockout does not reveal which exist).

CREATE TABLE sign_in_failures (
    account_key       TEXT    NOT NULL PRIMARY KEY,
    failures          INTEGER NOT NULL,
    window_started_at TEXT    NOT NULL,
    locked_until      TEXT    NULL
);

CREATE INDEX ix_sign_in_failures_window_started_at ON sign_in_failures (window_started_at);
