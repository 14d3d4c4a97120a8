-- Pending OAuth authorizations (PKCE verifier encrypted); consumed once by DELETE ... RETURNING.
CREATE TABLE oauth_states (
    state_id                TEXT NOT NULL PRIMARY KEY,
    user_id                 TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    encrypted_code_verifier TEXT NOT NULL,
    redirect_uri            TEXT NOT NULL,
    expires_at              TEXT NOT NULL,
    created_at              TEXT NOT NULL
);
CREATE INDEX ix_oauth_states_expires_at ON oauth_states (expires_at);
