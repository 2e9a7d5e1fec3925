-- A call's row is written when it starts and again when it ends, changing no indexed column: free room in
-- each page lets PostgreSQL update it in place (HOT) instead of adding an entry to each of its indexes.
ALTER TABLE call_logs SET (fillfactor = 80);
ALTER TABLE room_endings SET (fillfactor = 80);
ALTER TABLE leads SET (fillfactor = 80);
