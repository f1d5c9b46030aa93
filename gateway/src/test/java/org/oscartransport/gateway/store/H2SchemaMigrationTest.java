package org.oscartransport.gateway.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** Schema migrations on the embedded H2 file database, the default store. */
class H2SchemaMigrationTest extends SchemaMigrationContract {
    @TempDir Path dir;
    private int databases;

    @Override
    String newDatabase() {
        return "jdbc:h2:file:" + dir.resolve("db" + databases++);
    }

    @Override
    Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "sa", "");
    }
}
