-- Outbound trunks: LiveKit's outbound SIP trunks that a tenant dials through (made in LiveKit; named here by id).
CREATE TABLE sip_trunks (
    id               uuid PRIMARY KEY,
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    name             text        NOT NULL,
    provider         text        NOT NULL DEFAULT 'OTHER'
        CONSTRAINT sip_trunks_provider_check CHECK (provider IN ('TWILIO', 'TELNYX', 'SIGNALWIRE', 'EXOTEL', 'OTHER')),
    livekit_trunk_id text        NOT NULL,
    active           boolean     NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sip_trunks_tenant_name_unique UNIQUE (tenant_id, name),
    CONSTRAINT sip_trunks_id_tenant_unique UNIQUE (id, tenant_id)
);

-- A campaign dials through its trunk, else through its caller id's default; either belongs to the same tenant.
ALTER TABLE campaigns ADD COLUMN sip_trunk_id uuid,
    ADD CONSTRAINT campaigns_sip_trunk_fkey FOREIGN KEY (sip_trunk_id, tenant_id)
        REFERENCES sip_trunks (id, tenant_id) ON DELETE SET NULL (sip_trunk_id);
ALTER TABLE phone_numbers ADD COLUMN sip_trunk_id uuid,
    ADD CONSTRAINT phone_numbers_sip_trunk_fkey FOREIGN KEY (sip_trunk_id, tenant_id)
        REFERENCES sip_trunks (id, tenant_id) ON DELETE SET NULL (sip_trunk_id);
CREATE INDEX campaigns_sip_trunk_idx ON campaigns (sip_trunk_id);
CREATE INDEX phone_numbers_sip_trunk_idx ON phone_numbers (sip_trunk_id);

-- A campaign's calls in progress, each holding one of its max_concurrent slots until its end releases it or, if
-- the end never comes, until `until` passes. Taking a slot locks the campaign's row, so that every instance of the
-- services that dial counts and inserts one at a time per campaign.
CREATE TABLE campaign_slots (
    call_id     text PRIMARY KEY,
    campaign_id uuid        NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    until       timestamptz NOT NULL,
    taken_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX campaign_slots_campaign_idx ON campaign_slots (campaign_id, until);
