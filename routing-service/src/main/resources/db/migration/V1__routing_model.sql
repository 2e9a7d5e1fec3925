-- The routing data: who owns a number, which campaign it serves, and which agent answers it.
CREATE TABLE tenants (
    id            uuid PRIMARY KEY,
    name          text        NOT NULL,
    default_agent text,       -- agents.name (constraint below: agents are created after tenants)
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT tenants_name_unique UNIQUE (name)
);

CREATE TABLE agents (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT agents_name_unique UNIQUE (name)
);

CREATE TABLE campaigns (
    id             uuid PRIMARY KEY,
    tenant_id      uuid        NOT NULL REFERENCES tenants (id),
    name           text        NOT NULL,
    agent_name     text REFERENCES agents (name) ON UPDATE CASCADE,
    status         text        NOT NULL DEFAULT 'ACTIVE'
        CONSTRAINT campaigns_status_check CHECK (status IN ('DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED', 'ARCHIVED')),
    max_concurrent integer
        CONSTRAINT campaigns_max_concurrent_check CHECK (max_concurrent IS NULL OR max_concurrent > 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT campaigns_tenant_name_unique UNIQUE (tenant_id, name),
    CONSTRAINT campaigns_id_tenant_unique UNIQUE (id, tenant_id)
);

CREATE TABLE phone_numbers (
    id           uuid PRIMARY KEY,
    e164         text        NOT NULL
        CONSTRAINT phone_numbers_e164_check CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    campaign_id  uuid,
    provider     text        NOT NULL DEFAULT 'OTHER'
        CONSTRAINT phone_numbers_provider_check CHECK (provider IN ('TWILIO', 'TELNYX', 'SIGNALWIRE', 'EXOTEL', 'OTHER')),
    provider_sid text,
    number_type  text        NOT NULL DEFAULT 'LOCAL'
        CONSTRAINT phone_numbers_type_check CHECK (number_type IN ('LOCAL', 'TOLL_FREE', 'MOBILE')),
    active       boolean     NOT NULL DEFAULT true,
    stt_provider text,
    stt_model    text,
    tts_provider text,
    tts_model    text,
    tts_voice    text,
    llm_provider text,
    llm_model    text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT phone_numbers_e164_unique UNIQUE (e164),
    -- A number's campaign belongs to the number's tenant; deleting the campaign keeps the number.
    CONSTRAINT phone_numbers_campaign_fkey FOREIGN KEY (campaign_id, tenant_id)
        REFERENCES campaigns (id, tenant_id) ON DELETE SET NULL (campaign_id)
);

ALTER TABLE tenants
    ADD CONSTRAINT tenants_default_agent_fkey FOREIGN KEY (default_agent) REFERENCES agents (name) ON UPDATE CASCADE;

CREATE INDEX campaigns_tenant_idx ON campaigns (tenant_id);
CREATE INDEX phone_numbers_tenant_idx ON phone_numbers (tenant_id);
CREATE INDEX phone_numbers_campaign_idx ON phone_numbers (campaign_id);
CREATE INDEX campaigns_agent_idx ON campaigns (agent_name);
CREATE INDEX tenants_default_agent_idx ON tenants (default_agent);

-- Transactional outbox: a change writes the numbers whose routing it affects in the same transaction;
-- the relay publishes their current resolved entries to routing.entries, then deletes the rows.
CREATE TABLE routing_outbox (
    id         bigserial PRIMARY KEY,
    e164       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Versions of published entries: the relay (one at a time, under an advisory lock) takes one per batch,
-- so each number's entries on the topic carry increasing versions.
CREATE SEQUENCE routing_entry_version;
