package org.oscartransport.gateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The schema as the store created it before it used Flyway, statement for statement: a {@code schema_version}
 * table with one row per applied step. Tests build such databases to prove they keep working.
 */
final class LegacySchema {
    private static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY)";
    private static final String[] STEPS = {
            """
            CREATE TABLE IF NOT EXISTS registrations (
                bare_jid VARCHAR(2047) NOT NULL PRIMARY KEY,
                uin      VARCHAR(64)   NOT NULL,
                password VARCHAR(1024) NOT NULL
            )""",
            """
            CREATE TABLE IF NOT EXISTS user_settings (
                bare_jid    VARCHAR(2047) NOT NULL PRIMARY KEY,
                offer_style VARCHAR(16)   NOT NULL,
                notices     BOOLEAN       NOT NULL
            )"""};

    private LegacySchema() {}

    /** Creates the old schema up to {@code version} (1 or 2), each step with its version row. */
    static void createUpTo(Connection c, int version) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(VERSION_TABLE);
            for (int step = 1; step <= version; step++) {
                st.execute(STEPS[step - 1]);
                st.execute("INSERT INTO schema_version (version) VALUES (" + step + ")");
            }
        }
    }
}
