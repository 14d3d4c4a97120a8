-- Pending OAuth authorizations (PKCE verifier encrypted); consumed once by DELETE ... RETURNING.
CREATE TABLE oauth_states (
    state_id                text        PRIMARY KEY,
    user_id                 uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    encrypted_code_verifier text        NOT NULL,
    redirect_uri            text        NOT NULL,
    expires_at              timestamptz NOT NULL,
    created_at              timestamptz NOT NULL
);
CREATE INDEX ix_oauth_states_expires_at ON oauth_states (expires_at);
