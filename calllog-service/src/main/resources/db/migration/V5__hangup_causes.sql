-- Carriers say why a call ended. A caller's departure keeps the edge's classification (status: completed, busy,
-- no_answer, failed, canceled) and the carrier's raw words (hang-up cause and source, SIP code); a call takes them
-- from its ending as it takes the ending's time. Nullable columns without defaults: no table rewrite.
ALTER TABLE room_endings
    ADD COLUMN status        text,
    ADD COLUMN hangup_cause  text,
    ADD COLUMN hangup_source text,
    ADD COLUMN sip_code      int;
ALTER TABLE call_logs
    ADD COLUMN hangup_cause  text,
    ADD COLUMN hangup_source text,
    ADD COLUMN sip_code      int,
    DROP CONSTRAINT call_logs_status_check,
    ADD CONSTRAINT call_logs_status_check
        CHECK (status IN ('ringing', 'in_progress', 'completed', 'busy', 'no_answer', 'failed', 'canceled'));
-- A lead's latest call's status, for the lead context the agent gets (leads.context).
ALTER TABLE leads ADD COLUMN last_call_status text;
-- Which edge reported the call first (sip_inbound, livekit_webhook, telnyx, signalwire, ...): the earliest report's.
ALTER TABLE call_logs ADD COLUMN source text;
