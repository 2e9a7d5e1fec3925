-- The schema registry keeps its tables in their own schema; each service's Flyway creates its own.
CREATE SCHEMA IF NOT EXISTS registry;
