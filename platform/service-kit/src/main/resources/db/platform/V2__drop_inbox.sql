-- The inbox had no consumer: audit-service, the only one, stores each event once by its unique
-- event_id in the same transaction as the entry. Idempotency lives with the consumer's own table.
DROP TABLE IF EXISTS inbox_event;
