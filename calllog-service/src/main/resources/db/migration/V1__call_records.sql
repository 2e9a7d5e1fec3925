-- Leads and call logs, written only by the call-topic consumers.
CREATE TABLE leads (
    id              uuid PRIMARY KEY,
    campaign_key    text        NOT NULL, -- the campaign id, or '' for calls outside any campaign
    phone_number    text        NOT NULL,
    tenant_id       text,
    name            text        NOT NULL,
    status          text        NOT NULL
        CONSTRAINT leads_status_check CHECK (status IN ('calling', 'completed')),
    attempts        integer     NOT NULL DEFAULT 0,
    first_call_at   timestamptz,
    last_call_at    timestamptz,
    source          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT leads_campaign_phone_unique UNIQUE (campaign_key, phone_number)
);

CREATE TABLE call_logs (
    call_id         text PRIMARY KEY,
    lead_id         uuid,
    tenant_id       text,
    campaign_id     text,
    phone_number_id text,
    from_number     text,
    to_number       text,
    room_name       text,
    trunk_id        text,
    agent_name      text,
    routing_rule    text,
    status          text        NOT NULL
        CONSTRAINT call_logs_status_check CHECK (status IN ('ringing', 'in_progress', 'completed', 'failed')),
    started_at      timestamptz,
    answered_at     timestamptz,
    ended_at        timestamptz,
    duration_seconds integer,
    metadata        text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX call_logs_tenant_started_idx ON call_logs (tenant_id, started_at DESC);
CREATE INDEX call_logs_campaign_started_idx ON call_logs (campaign_id, started_at DESC);
CREATE INDEX call_logs_status_idx ON call_logs (status);
CREATE INDEX call_logs_room_idx ON call_logs (room_name);
