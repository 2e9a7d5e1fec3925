-- How the conversation started: inbound (dialled in), outbound (dialled out) or web (a browser with a web-call token),
-- from the earliest report. Calls written before are inbound: every call was.
ALTER TABLE call_logs ADD COLUMN direction text NOT NULL DEFAULT 'inbound';
