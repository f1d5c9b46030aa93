package org.oscartransport.gateway.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema up to date with Flyway, from the SQL files under {@code db/migration} on the class
 * path ({@code V<n>__<what>.sql}; only ever add new ones, never edit one that has shipped).
 *
 * <p>Databases created before Flyway kept their version as rows of a {@code schema_version} table (one row per
 * applied step, 1 and 2). Such a database is baselined at its highest row, so Flyway applies only the steps after
 * it; {@code schema_version} itself is left alone. A database with neither table (new, or shared with unrelated
 * tables) is baselined at 0, so every step runs.
 */
final class SchemaMigrations {
    static final String LOCATION = "classpath:db/migration";
    private static final String LEGACY_TABLE = "schema_version";
    private static final String HISTORY_TABLE = "flyway_schema_history";
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private SchemaMigrations() {}

    /** @return the schema version after migrating */
    static int migrate(ConnectionSource connections) throws SQLException {
        int legacyVersion;
        try (Connection c = connections.open()) {
            legacyVersion = hasTable(c, HISTORY_TABLE) ? 0 : legacyVersion(c);
        }
        if (legacyVersion > 0) {
            log.info("store schema at version {} from before Flyway: baselining there", legacyVersion);
        }
        Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                .loggers("slf4j")
                .dataSource(new ConnectionSourceDataSource(connections))
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion(String.valueOf(legacyVersion))
                .baselineDescription(legacyVersion > 0 ? "from schema_version" : "empty")
                .load();
        MigrateResult result = flyway.migrate();
        MigrationInfo current = flyway.info().current();
        int version = current == null ? 0 : Integer.parseInt(current.getVersion().getVersion());
        if (result.migrationsExecuted > 0) {
            log.info("store schema migrated to version {} ({} step(s) applied)", version, result.migrationsExecuted);
        }
        return version;
    }

    private static int legacyVersion(Connection connection) throws SQLException {
        if (!hasTable(connection, LEGACY_TABLE)) {
            return 0;
        }
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + LEGACY_TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** In the connection's current schema; H2 keeps unquoted names upper case, PostgreSQL lower case. */
    private static boolean hasTable(Connection connection, String name) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        for (String candidate : new String[] {name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(connection.getCatalog(), schema, candidate, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
