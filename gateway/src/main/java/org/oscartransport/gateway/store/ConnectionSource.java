package org.oscartransport.gateway.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcConnectionPool;

/** Hands out JDBC connections for one URL; callers close each connection when done. */
interface ConnectionSource extends AutoCloseable {

    Connection open() throws SQLException;

    @Override
    void close();

    /** H2 gets a pool (opening an embedded database is costly); other drivers a connection per use. */
    static ConnectionSource forUrl(String url) {
        return url.startsWith("jdbc:h2:") ? new H2Pool(url) : new PerUseConnections(url);
    }

    /** H2's own pool: connections stay open, so the database file stays open and locked while the store is. */
    final class H2Pool implements ConnectionSource {
        private final JdbcConnectionPool pool;

        H2Pool(String url) {
            // H2 refuses a URL USER/PASSWORD that differs from the pool's own, so move them over
            H2Credentials credentials = H2Credentials.split(url);
            this.pool = JdbcConnectionPool.create(credentials.url(), credentials.user(), credentials.password());
        }

        @Override
        public Connection open() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void close() {
            pool.dispose();
        }
    }

    /**
     * Through DriverManager, with credentials in the URL. Fine for the transport's rare store calls;
     * a pooled DataSource is the upgrade if that changes.
     */
    final class PerUseConnections implements ConnectionSource {
        private final String url;

        PerUseConnections(String url) {
            this.url = url;
        }

        @Override
        public Connection open() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        public void close() {}
    }
}
