-- A lead's figures are no longer recounted over all its calls in every batch: attempts change by the
-- calls a batch adds or moves, and the first and latest call are each found by one probe of this index.
DROP INDEX call_logs_lead_idx;
CREATE INDEX call_logs_lead_started_idx ON call_logs (lead_id, started_at, call_id);

-- A lead's status has two values, so an index on it alone helps no query (leads are listed by campaign
-- and number, with status as a further filter), while it made every calling -> completed change of a
-- lead a non-HOT update that touched all of the lead's indexes.
DROP INDEX leads_status_idx;
