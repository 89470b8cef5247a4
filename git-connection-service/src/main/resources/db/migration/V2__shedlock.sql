-- Cluster-wide locks of the periodic jobs (ShedLock's JdbcTemplateLockProvider): one row per job name.
CREATE TABLE shedlock (
    name       varchar(64)  PRIMARY KEY,
    lock_until timestamp    NOT NULL,
    locked_at  timestamp    NOT NULL,
    locked_by  varchar(255) NOT NULL
);
