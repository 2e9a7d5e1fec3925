-- A media bridge's holds and resumes, one row per change (the event id de-duplicates); a call's hold time is the sum
-- of the spans from a hold to the next change (or the call's end), within its answer and end, computed from the rows
-- whatever order they came in. duration_seconds = talk_seconds + hold_seconds.
CREATE TABLE call_holds (
    event_id text        PRIMARY KEY,
    call_id  text        NOT NULL,
    at       timestamptz NOT NULL,
    on_hold  boolean     NOT NULL
);
CREATE INDEX call_holds_call_idx ON call_holds (call_id, at);

ALTER TABLE call_logs ADD COLUMN hold_seconds integer, ADD COLUMN talk_seconds integer;
