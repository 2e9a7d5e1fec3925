-- Leads and call logs, written only by the call-topic consumers. Every column is owned by one kind of
-- event and only ever filled (COALESCE/LEAST), and status, duration and the lead's figures are computed
-- from those facts, so any number of deliveries in any order end in the same rows.

CREATE TABLE leads (
    id            uuid PRIMARY KEY, -- derived from (campaign, caller): every consumer computes the same id
    campaign_id   text,
    phone_number  text        NOT NULL,
    tenant_id     text,
    name          text        NOT NULL,
    status        text        NOT NULL CONSTRAINT leads_status_check CHECK (status IN ('calling', 'completed')),
    attempts      integer     NOT NULL DEFAULT 0,
    first_call_at timestamptz,
    last_call_at  timestamptz,
    source        text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX leads_campaign_phone_unique ON leads (COALESCE(campaign_id, ''), phone_number);
CREATE INDEX leads_status_idx ON leads (status);

CREATE TABLE call_logs (
    call_id           text PRIMARY KEY,
    room_name         text        NOT NULL,
    lead_id           uuid,
    tenant_id         text,
    campaign_id       text,
    phone_number_id   text,
    from_number       text,
    to_number         text,
    trunk_id          text,
    agent_name        text,
    routing_rule      text,
    metadata          text,
    started_at        timestamptz,
    answered_at       timestamptz,
    ended_at          timestamptz,
    room_finished_at  timestamptz,
    disconnect_reason text,
    status            text        NOT NULL
        CONSTRAINT call_logs_status_check CHECK (status IN ('ringing', 'in_progress', 'completed', 'failed')),
    duration_seconds  integer,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_logs_room_idx ON call_logs (room_name);
CREATE INDEX call_logs_started_idx ON call_logs (started_at DESC);
CREATE INDEX call_logs_tenant_started_idx ON call_logs (tenant_id, started_at DESC);
CREATE INDEX call_logs_campaign_started_idx ON call_logs (campaign_id, started_at DESC);
CREATE INDEX call_logs_lead_idx ON call_logs (lead_id);

-- How a room ended, which may be known before its call is (room.finished first): applied to the call
-- when it arrives.
CREATE TABLE room_endings (
    room_name         text PRIMARY KEY,
    ended_at          timestamptz,
    disconnect_reason text,
    finished_at       timestamptz
);
