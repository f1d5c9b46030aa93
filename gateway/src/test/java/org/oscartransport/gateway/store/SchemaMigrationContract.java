package org.oscartransport.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the store's schema migrations treat fresh databases, databases the store created before it used Flyway,
 * and restarts; run against each database the transport supports.
 */
abstract class SchemaMigrationContract {

    /** A JDBC URL of a new, empty database. */
    abstract String newDatabase() throws Exception;

    abstract Connection connect(String url) throws SQLException;

    @Test
    void freshDatabaseGetsEveryStepAndWorks() throws Exception {
        String url = newDatabase();
        try (JdbcRegistrationStore store = JdbcRegistrationStore.open(url)) {
            store.save(new Registration("alice@example.org", "1", "a"));
            store.saveSettings("alice@example.org", new UserSettings(UserSettings.OfferStyle.TEXT, false));
        }
        try (Connection c = connect(url)) {
            assertThat(appliedSteps(c)).containsExactly("1 SQL", "2 SQL");
            assertThat(hasTable(c, "schema_version")).isFalse();
        }
    }

    @Test
    void databaseOfTheOldCodeAtItsLatestVersionIsBaselinedThereAndKeepsItsRows() throws Exception {
        String url = newDatabase();
        try (Connection c = connect(url)) {
            LegacySchema.createUpTo(c, 2);
            insertOldRows(c);
        }
        try (JdbcRegistrationStore store = JdbcRegistrationStore.open(url)) {
            assertThat(store.find("old@example.org")).contains(new Registration("old@example.org", "42", "pw"));
            assertThat(store.allSettings().get("old@example.org"))
                    .isEqualTo(new UserSettings(UserSettings.OfferStyle.TEXT, true));
            store.save(new Registration("new@example.org", "43", "pw2"));
        }
        try (Connection c = connect(url)) {
            assertThat(appliedSteps(c)).containsExactly("2 BASELINE");
            assertThat(rows(c, "SELECT version FROM schema_version ORDER BY version")).containsExactly("1", "2");
        }
    }

    @Test
    void databaseOfTheOldCodeAtAnEarlierVersionGetsTheLaterStepsOnly() throws Exception {
        String url = newDatabase();
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            LegacySchema.createUpTo(c, 1);
            st.execute("INSERT INTO registrations (bare_jid, uin, password) VALUES ('old@example.org', '42', 'pw')");
        }
        try (JdbcRegistrationStore store = JdbcRegistrationStore.open(url)) {
            assertThat(store.find("old@example.org")).isPresent();
            store.saveSettings("old@example.org", new UserSettings(UserSettings.OfferStyle.MESSAGE, false));
            assertThat(store.allSettings()).containsKey("old@example.org");
        }
        try (Connection c = connect(url)) {
            assertThat(appliedSteps(c)).containsExactly("1 BASELINE", "2 SQL");
        }
    }

    @Test
    void oldDatabaseThatLostItsVersionRowsIsMigratedWithoutLosingData() throws Exception {
        String url = newDatabase();
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            LegacySchema.createUpTo(c, 2);
            insertOldRows(c);
            st.execute("DELETE FROM schema_version"); // as if a crash hit between the DDL and the version row
        }
        try (JdbcRegistrationStore store = JdbcRegistrationStore.open(url)) {
            assertThat(store.find("old@example.org")).isPresent();
        }
        try (Connection c = connect(url)) {
            assertThat(appliedSteps(c)).containsExactly("0 BASELINE", "1 SQL", "2 SQL");
        }
    }

    @Test
    void reopeningRunsNothingAgain() throws Exception {
        String url = newDatabase();
        for (int i = 0; i < 3; i++) {
            try (JdbcRegistrationStore store = JdbcRegistrationStore.open(url)) {
                store.save(new Registration("alice@example.org", String.valueOf(i + 1), "a"));
            }
        }
        try (Connection c = connect(url)) {
            assertThat(appliedSteps(c)).containsExactly("1 SQL", "2 SQL");
            assertThat(rows(c, "SELECT uin FROM registrations")).containsExactly("3");
        }
    }

    @Test
    void migrateReportsTheSchemaVersion() throws Exception {
        String url = newDatabase();
        try (ConnectionSource connections = ConnectionSource.forUrl(url)) {
            assertThat(SchemaMigrations.migrate(connections)).isEqualTo(2);
            assertThat(SchemaMigrations.migrate(connections)).isEqualTo(2);
        }
    }

    private static void insertOldRows(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO registrations (bare_jid, uin, password) VALUES ('old@example.org', '42', 'pw')");
            st.execute("INSERT INTO user_settings (bare_jid, offer_style, notices) VALUES ('old@example.org', 'text', TRUE)");
        }
    }

    /** Flyway's versioned history as "version type", in the order applied (no rows for schema creation). */
    private static List<String> appliedSteps(Connection c) throws SQLException {
        return rows(c, "SELECT \"version\" || ' ' || \"type\" FROM \"flyway_schema_history\" "
                + "WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        for (String candidate : List.of(name.toUpperCase(), name.toLowerCase())) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, candidate, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
