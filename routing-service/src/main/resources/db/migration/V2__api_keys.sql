-- Operators' API keys. Only the SHA-256 of a key's secret is kept (the secret is shown once, when the key is
-- made); a revoked key keeps its row. publish_pending marks a row whose current state the publisher has not
-- yet put on access.api-keys: it is set in the same statement as the change, so the topic hears of a change
-- if and only if it committed.
CREATE TABLE api_keys (
    id              uuid PRIMARY KEY,
    name            text        NOT NULL,
    tenant_id       uuid REFERENCES tenants (id),
    role            text        NOT NULL CONSTRAINT api_keys_role_check CHECK (role IN ('read', 'admin')),
    secret_sha256   bytea       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz,
    publish_pending boolean     NOT NULL DEFAULT true
);
CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at);
CREATE INDEX api_keys_pending_idx ON api_keys (created_at) WHERE publish_pending;
