-- RFC 7622: localpart and domainpart are at most 1023 bytes each, so a bare JID fits 2047.
-- IF NOT EXISTS: a database whose old version rows were lost still has the table.
CREATE TABLE IF NOT EXISTS registrations (
    bare_jid VARCHAR(2047) NOT NULL PRIMARY KEY,
    uin      VARCHAR(64)   NOT NULL,
    password VARCHAR(1024) NOT NULL
);
