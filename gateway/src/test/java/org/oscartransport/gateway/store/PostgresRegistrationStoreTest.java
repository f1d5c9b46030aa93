package org.oscartransport.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registration store against a real PostgreSQL, as deployments run it (store.url = jdbc:postgresql://...). */
class PostgresRegistrationStoreTest {

    private static PostgresServer postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) postgres.close();
    }

    @Test
    void savesFindsUpdatesDeletesAndKeepsDataAcrossReopening() {
        try (JdbcRegistrationStore store = JdbcRegistrationStore.open(postgres.jdbcUrl())) {
            store.save(new Registration("alice@example.org", "123456", "one"));
            store.save(new Registration("bob@example.org", "234567", "two"));
            store.save(new Registration("alice@example.org", "123456", "changed"));

            assertThat(store.find("alice@example.org")).contains(new Registration("alice@example.org", "123456", "changed"));
            assertThat(store.all()).extracting(Registration::bareJid).containsExactly("alice@example.org", "bob@example.org");
            assertThat(store.delete("bob@example.org")).isTrue();
            assertThat(store.delete("bob@example.org")).isFalse();
        }
        try (JdbcRegistrationStore reopened = JdbcRegistrationStore.open(postgres.jdbcUrl())) {
            assertThat(reopened.find("alice@example.org")).isPresent();
            assertThat(reopened.find("bob@example.org")).isEmpty();
        }
    }

    @Test
    void settingsAndEncryptedPasswordsWorkThere() {
        try (JdbcRegistrationStore store = JdbcRegistrationStore.open(postgres.jdbcUrl())) {
            RegistrationStore encrypted = new EncryptingRegistrationStore(store,
                    PasswordCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32])));
            encrypted.save(new Registration("carol@example.org", "345678", "secret ü"));
            store.saveSettings("carol@example.org", new UserSettings(UserSettings.OfferStyle.TEXT, false));

            assertThat(encrypted.find("carol@example.org").orElseThrow().password()).isEqualTo("secret ü");
            assertThat(store.find("carol@example.org").orElseThrow().password()).startsWith("v1:");
            assertThat(store.allSettings().get("carol@example.org"))
                    .isEqualTo(new UserSettings(UserSettings.OfferStyle.TEXT, false));
        }
    }
}
