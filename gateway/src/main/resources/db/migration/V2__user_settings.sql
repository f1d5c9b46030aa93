-- Ad-hoc "settings": one row per user who changed something; defaults live in the code.
CREATE TABLE IF NOT EXISTS user_settings (
    bare_jid    VARCHAR(2047) NOT NULL PRIMARY KEY,
    offer_style VARCHAR(16)   NOT NULL,
    notices     BOOLEAN       NOT NULL
);
