-- call.records: every committed change of a call log is published (key: call id) by the relay in
-- calllog's publication package. The triggers write the changed call ids into this outbox inside the
-- transaction that changed them, whatever statement did it (the consumer, a replay, a re-drive): a change
-- that commits is published, one that rolls back leaves no trace. Statement-level with transition tables: one
-- insert per statement, not per row; an update that changes nothing but updated_at enqueues nothing.
CREATE TABLE call_record_outbox (
    id         bigserial PRIMARY KEY,
    call_id    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- SET search_path FROM CURRENT: the functions find the outbox in this schema whatever the writing session's
-- search_path is (a session that names calllog.call_logs from another schema would not find it otherwise).
CREATE FUNCTION call_logs_inserted() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO call_record_outbox (call_id) SELECT call_id FROM inserted_rows;
    RETURN NULL;
END $$;

CREATE FUNCTION call_logs_updated() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO call_record_outbox (call_id)
    SELECT n.call_id FROM new_rows n JOIN old_rows o USING (call_id)
    WHERE to_jsonb(n) - 'updated_at' IS DISTINCT FROM to_jsonb(o) - 'updated_at';
    RETURN NULL;
END $$;

CREATE TRIGGER call_logs_inserted AFTER INSERT ON call_logs
    REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT EXECUTE FUNCTION call_logs_inserted();
CREATE TRIGGER call_logs_updated AFTER UPDATE ON call_logs
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION call_logs_updated();

-- the calls there already: published once, so that the topic starts equal to the table
INSERT INTO call_record_outbox (call_id) SELECT call_id FROM call_logs;
