-- A room's endings were one row per room name, forever: a later call in a room of the same name took the
-- first call's ending, and of two callers in one room the first to leave ended both. Now each ending is a
-- fact of its own: a caller's departure (kind 'ended', with its call id when LiveKit gave one) or the room
-- closing (kind 'finished'). A call takes the departure with its own call id, else the earliest departure
-- without one from its start on, and the earliest closing from its start on (start less 2 s: LiveKit's event
-- times are whole seconds).
ALTER TABLE room_endings RENAME TO room_endings_v1;
CREATE TABLE room_endings (
    room_name         text        NOT NULL,
    kind              text        NOT NULL CONSTRAINT room_endings_kind_check CHECK (kind IN ('ended', 'finished')),
    call_id           text        NOT NULL DEFAULT '',
    at                timestamptz NOT NULL,
    disconnect_reason text,
    PRIMARY KEY (room_name, kind, call_id, at)
);
INSERT INTO room_endings (room_name, kind, at, disconnect_reason)
SELECT room_name, 'ended', ended_at, disconnect_reason FROM room_endings_v1 WHERE ended_at IS NOT NULL;
INSERT INTO room_endings (room_name, kind, at)
SELECT room_name, 'finished', finished_at FROM room_endings_v1 WHERE finished_at IS NOT NULL;
DROP TABLE room_endings_v1;
