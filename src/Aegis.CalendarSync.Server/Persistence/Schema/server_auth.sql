-- Server-owned tables (both engines): password hashes and hashed bearer tokens.
-- user_id is the users.id in canonical text form; times are Unix milliseconds (UTC) so comparisons are engine-neutral.
CREATE TABLE IF NOT EXISTS app_user_credentials (
    user_id       TEXT   NOT NULL PRIMARY KEY,
    password_hash TEXT   NOT NULL,
    updated_at    BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS api_tokens (
    token_hash TEXT   NOT NULL PRIMARY KEY,
    user_id    TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_api_tokens_expires_at ON api_tokens (expires_at);
