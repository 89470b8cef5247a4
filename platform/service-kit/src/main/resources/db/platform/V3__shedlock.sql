-- Cluster-wide locks of the periodic jobs (io.mcpmanager.kit.jobs, ShedLock's JdbcTemplateLockProvider):
-- one row per job name. IF NOT EXISTS: git-connection-service created the same table in its own V2 earlier.
CREATE TABLE IF NOT EXISTS shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);
