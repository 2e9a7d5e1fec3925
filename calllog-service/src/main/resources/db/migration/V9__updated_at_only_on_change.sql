-- updated_at says when a row last changed. Writes that change nothing (a redelivered event, a replay onto the rows
-- it wrote, a consumer restarted before its commit) leave it as it was, so call.records (whose records carry it as
-- occurred_at) stays equal to the table, and a replay ends in exactly the state it started from. A row trigger,
-- since the writers' upserts set it in many places; the comparison is the same one call.records' outbox makes.
CREATE FUNCTION keep_updated_at_when_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.updated_at IS DISTINCT FROM OLD.updated_at
       AND to_jsonb(NEW) - 'updated_at' = to_jsonb(OLD) - 'updated_at' THEN
        NEW.updated_at := OLD.updated_at;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER call_logs_keep_updated_at BEFORE UPDATE ON call_logs
    FOR EACH ROW EXECUTE FUNCTION keep_updated_at_when_unchanged();
CREATE TRIGGER leads_keep_updated_at BEFORE UPDATE ON leads
    FOR EACH ROW EXECUTE FUNCTION keep_updated_at_when_unchanged();
