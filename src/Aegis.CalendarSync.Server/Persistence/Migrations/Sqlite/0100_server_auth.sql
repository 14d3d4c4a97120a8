-- Server-owned tables (Aegis.CalendarSync.Server): password hashes and hashed bearer tokens.
-- Same conventions as 0001: uuids canonical TEXT, timestamps ISO-8601 UTC TEXT ("O" format, text order = time order).

CREATE TABLE app_user_credentials (
    user_id       TEXT NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE api_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

CREATE INDEX ix_api_tokens_expires_at ON api_tokens (expires_at);
CREATE INDEX ix_api_tokens_user_id ON api_tokens (user_id);
