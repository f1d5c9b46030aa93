package org.oscartransport.gateway.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Schema migrations on a real PostgreSQL; fails, never skips, when PostgreSQL is missing. */
class PostgresSchemaMigrationTest extends SchemaMigrationContract {
    private static PostgresServer postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) postgres.close();
    }

    @Override
    String newDatabase() throws SQLException {
        return postgres.newDatabase();
    }

    @Override
    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
