-- Server-owned tables (Aegis.CalendarSync.Server): password hashes and hashed bearer tokens.

CREATE TABLE app_user_credentials (
    user_id       uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    password_hash text        NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE api_tokens (
    token_hash text        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX ix_api_tokens_expires_at ON api_tokens (expires_at);
CREATE INDEX ix_api_tokens_user_id ON api_tokens (user_id);
