package org.oscartransport.gateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registrations in a SQL database reached by JDBC: an H2 file database by default, PostgreSQL or any
 * other driver on the class path by URL. Opening migrates the schema. Every call blocks on the
 * database: run it off event loops. Thread-safe.
 *
 * <p>Passwords are stored as given; encryption at rest is a later issue.
 */
public final class JdbcRegistrationStore implements RegistrationStore, UserSettingsStore, AutoCloseable {
    private final String url;
    private final ConnectionSource connections;

    private JdbcRegistrationStore(String url, ConnectionSource connections) {
        this.url = url;
        this.connections = connections;
    }

    /** Connects to {@code jdbcUrl} and brings its schema up to date. */
    public static JdbcRegistrationStore open(String jdbcUrl) {
        ConnectionSource connections = ConnectionSource.forUrl(jdbcUrl);
        JdbcRegistrationStore store = new JdbcRegistrationStore(jdbcUrl, connections);
        try {
            SchemaMigrations.migrate(connections);
        } catch (SQLException | RuntimeException e) {
            connections.close();
            throw store.failure("cannot open the registration store at " + JdbcUrls.withoutPassword(jdbcUrl), e);
        }
        return store;
    }

    @Override
    public Optional<Registration> find(String bareJid) {
        return withConnection("find " + bareJid, c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT bare_jid, uin, password FROM registrations WHERE bare_jid = ?")) {
                st.setString(1, bareJid);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Update first, insert if nothing was there. Portable across databases (no MERGE/UPSERT dialects);
     * if a concurrent save inserts the same JID in between, the insert hits the primary key and the
     * update is retried.
     */
    @Override
    public void save(Registration registration) {
        withConnection("save " + registration.bareJid(), c -> {
            if (update(c, registration) == 0) {
                try {
                    insert(c, registration);
                } catch (SQLException e) {
                    if (!isConstraintViolation(e) || update(c, registration) == 0) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public boolean delete(String bareJid) {
        return withConnection("delete " + bareJid, c -> {
            try (PreparedStatement settings = c.prepareStatement("DELETE FROM user_settings WHERE bare_jid = ?")) {
                settings.setString(1, bareJid);
                settings.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("DELETE FROM registrations WHERE bare_jid = ?")) {
                st.setString(1, bareJid);
                return st.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<Registration> all() {
        return withConnection("list registrations", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT bare_jid, uin, password FROM registrations ORDER BY bare_jid");
                    ResultSet rs = st.executeQuery()) {
                List<Registration> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(read(rs));
                }
                return List.copyOf(all);
            }
        });
    }

    @Override
    public Map<String, UserSettings> allSettings() {
        return withConnection("list settings", c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT bare_jid, offer_style, notices FROM user_settings");
                    ResultSet rs = st.executeQuery()) {
                Map<String, UserSettings> all = new HashMap<>();
                while (rs.next()) {
                    // A style this version does not know (written by a newer one) falls back to the default.
                    UserSettings.OfferStyle style = UserSettings.OfferStyle.byCode(rs.getString(2))
                            .orElse(UserSettings.DEFAULT.offerStyle());
                    all.put(rs.getString(1), new UserSettings(style, rs.getBoolean(3)));
                }
                return Map.copyOf(all);
            }
        });
    }

    /** Update, else insert; as {@link #save} (no dialect-specific upsert). */
    @Override
    public void saveSettings(String bareJid, UserSettings settings) {
        withConnection("save settings of " + bareJid, c -> {
            if (updateSettings(c, bareJid, settings) == 0) {
                try (PreparedStatement st = c.prepareStatement(
                        "INSERT INTO user_settings (bare_jid, offer_style, notices) VALUES (?, ?, ?)")) {
                    st.setString(1, bareJid);
                    st.setString(2, settings.offerStyle().code());
                    st.setBoolean(3, settings.notices());
                    st.executeUpdate();
                } catch (SQLException e) {
                    if (!isConstraintViolation(e) || updateSettings(c, bareJid, settings) == 0) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    private static int updateSettings(Connection c, String bareJid, UserSettings settings) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "UPDATE user_settings SET offer_style = ?, notices = ? WHERE bare_jid = ?")) {
            st.setString(1, settings.offerStyle().code());
            st.setBoolean(2, settings.notices());
            st.setString(3, bareJid);
            return st.executeUpdate();
        }
    }

    /** Releases pooled connections; with H2 this also closes the database file. */
    @Override
    public void close() {
        connections.close();
    }

    @Override
    public String toString() {
        return "JdbcRegistrationStore[" + JdbcUrls.withoutPassword(url) + "]";
    }

    private static int update(Connection c, Registration r) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE registrations SET uin = ?, password = ? WHERE bare_jid = ?")) {
            st.setString(1, r.uin());
            st.setString(2, r.password());
            st.setString(3, r.bareJid());
            return st.executeUpdate();
        }
    }

    private static void insert(Connection c, Registration r) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO registrations (bare_jid, uin, password) VALUES (?, ?, ?)")) {
            st.setString(1, r.bareJid());
            st.setString(2, r.uin());
            st.setString(3, r.password());
            st.executeUpdate();
        }
    }

    private static Registration read(ResultSet rs) throws SQLException {
        return new Registration(rs.getString(1), rs.getString(2), rs.getString(3));
    }

    /** SQLSTATE class 23: integrity constraint violation, here a duplicate primary key. */
    private static boolean isConstraintViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(String what, SqlWork<T> work) {
        try (Connection c = connections.open()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure("registration store: cannot " + what, e);
        }
    }

    /**
     * Drivers quote the URL in their messages ("No suitable driver found for jdbc:...password=...").
     * When the URL holds a password, the cause is replaced by a copy with the password masked and the
     * same stack trace, so logging the exception cannot leak it.
     */
    private StoreException failure(String what, Exception e) {
        String redactedUrl = JdbcUrls.withoutPassword(url);
        if (redactedUrl.equals(url)) {
            return new StoreException(what + ": " + e.getMessage(), e);
        }
        String message = JdbcUrls.withoutPassword(String.valueOf(e.getMessage()).replace(url, redactedUrl));
        SQLException scrubbed = new SQLException(e.getClass().getName() + ": " + message,
                e instanceof SQLException sql ? sql.getSQLState() : null);
        scrubbed.setStackTrace(e.getStackTrace());
        return new StoreException(what + ": " + message, scrubbed);
    }
}
