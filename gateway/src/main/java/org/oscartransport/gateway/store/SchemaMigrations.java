package org.oscartransport.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings the database schema up to date. Each migration is numbered and applied once, in its own
 * transaction together with its row in {@code schema_version}; DDL uses {@code IF NOT EXISTS} so a
 * migration interrupted by a database without transactional DDL can simply run again. Only ever
 * append new migrations; never edit one that has shipped.
 */
final class SchemaMigrations {
    record Migration(int version, List<String> statements) {}

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, List.of(
                    // RFC 7622: localpart and domainpart are at most 1023 bytes each, so a bare JID fits 2047
                    """
                    CREATE TABLE IF NOT EXISTS registrations (
                        bare_jid VARCHAR(2047) NOT NULL PRIMARY KEY,
                        uin      VARCHAR(64)   NOT NULL,
                        password VARCHAR(1024) NOT NULL
                    )""")),
            new Migration(2, List.of(
                    // Ad-hoc "settings": one row per user who changed something; defaults live in the code.
                    """
                    CREATE TABLE IF NOT EXISTS user_settings (
                        bare_jid    VARCHAR(2047) NOT NULL PRIMARY KEY,
                        offer_style VARCHAR(16)   NOT NULL,
                        notices     BOOLEAN       NOT NULL
                    )""")));

    private SchemaMigrations() {}

    static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /** @return the schema version after migrating */
    static int migrate(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY)");
        }
        int current = currentVersion(connection);
        for (Migration migration : MIGRATIONS) {
            if (migration.version() > current) {
                apply(connection, migration);
                current = migration.version();
            }
        }
        return current;
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void apply(Connection connection, Migration migration) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement();
                PreparedStatement record = connection.prepareStatement("INSERT INTO schema_version (version) VALUES (?)")) {
            for (String sql : migration.statements()) {
                st.execute(sql);
            }
            record.setInt(1, migration.version());
            record.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
