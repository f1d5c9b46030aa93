package org.oscartransport.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.oscartransport.gateway.config.ConfigLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcRegistrationStoreTest {
    @TempDir Path dir;
    private String url;
    private JdbcRegistrationStore store;

    @BeforeEach
    void openStore() {
        url = "jdbc:h2:file:" + dir.resolve("registrations");
        store = JdbcRegistrationStore.open(url);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void findsWhatWasSaved() {
        store.save(new Registration("alice@example.org", "123456", "pw"));

        assertThat(store.find("alice@example.org")).contains(new Registration("alice@example.org", "123456", "pw"));
        assertThat(store.find("bob@example.org")).isEmpty();
    }

    @Test
    void savingAgainReplacesUinAndPassword() {
        store.save(new Registration("alice@example.org", "123456", "old"));
        store.save(new Registration("alice@example.org", "654321", "new"));

        assertThat(store.find("alice@example.org")).contains(new Registration("alice@example.org", "654321", "new"));
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void deleteRemovesAndReportsWhetherThereWasOne() {
        store.save(new Registration("alice@example.org", "123456", "pw"));

        assertThat(store.delete("alice@example.org")).isTrue();
        assertThat(store.delete("alice@example.org")).isFalse();
        assertThat(store.find("alice@example.org")).isEmpty();
    }

    @Test
    void allListsEveryRegistrationByBareJid() {
        store.save(new Registration("carol@example.org", "3", "c"));
        store.save(new Registration("alice@example.org", "1", "a"));
        store.save(new Registration("bob@example.org", "2", "b"));

        assertThat(store.all()).extracting(Registration::bareJid)
                .containsExactly("alice@example.org", "bob@example.org", "carol@example.org");
    }

    @Test
    void dataSurvivesReopening() {
        store.save(new Registration("alice@example.org", "123456", "pw"));
        store.close();

        store = JdbcRegistrationStore.open(url);

        assertThat(store.find("alice@example.org")).contains(new Registration("alice@example.org", "123456", "pw"));
        assertThat(Files.exists(dir.resolve("registrations.mv.db"))).isTrue();
    }

    @Test
    void createsMissingDirectoriesOnFirstStart() {
        Path nested = dir.resolve("not/yet/there");
        try (JdbcRegistrationStore fresh = JdbcRegistrationStore.open("jdbc:h2:file:" + nested.resolve("oscar-transport"))) {
            fresh.save(new Registration("alice@example.org", "1", "a"));
        }
        assertThat(Files.exists(nested.resolve("oscar-transport.mv.db"))).isTrue();
    }

    @Test
    void opensTheDefaultUrlTheConfigDerivesFromDataDir() {
        String defaultUrl = ConfigLoader.withEnvironment(Map.of())
                .load("--xmpp.secret=s", "--data.dir=" + dir.resolve("data")).storeUrl();
        try (JdbcRegistrationStore fromConfig = JdbcRegistrationStore.open(defaultUrl)) {
            fromConfig.save(new Registration("alice@example.org", "1", "a"));
        }
        assertThat(Files.exists(dir.resolve("data/oscar-transport.mv.db"))).isTrue();
    }

    @Test
    void settingsSurviveReopeningAndGoWithTheRegistration() {
        store.save(new Registration("alice@example.org", "1", "a"));
        store.saveSettings("alice@example.org", new UserSettings(UserSettings.OfferStyle.MESSAGE, true));
        store.saveSettings("alice@example.org", new UserSettings(UserSettings.OfferStyle.TEXT, false));
        store.close();
        store = JdbcRegistrationStore.open(url);

        assertThat(store.allSettings()).containsExactly(java.util.Map.entry("alice@example.org",
                new UserSettings(UserSettings.OfferStyle.TEXT, false)));
        store.delete("alice@example.org");
        assertThat(store.allSettings()).isEmpty();
    }

    @Test
    void injectionLookingValuesAreStoredVerbatim() {
        List<String> nasty = List.of("x'); DROP TABLE registrations; --@example.org",
                "' OR '1'='1@example.org", "robert\"; DELETE FROM schema_version; --@example.org",
                "üñí©ødé\\%_@example.org");
        nasty.forEach(jid -> store.save(new Registration(jid, "1' OR 1=1 --", "p'w\"d;")));

        for (String jid : nasty) {
            assertThat(store.find(jid)).contains(new Registration(jid, "1' OR 1=1 --", "p'w\"d;"));
        }
        assertThat(store.find("' OR '1'='1")).isEmpty();
        assertThat(store.find("%")).isEmpty();
        assertThat(store.all()).hasSize(nasty.size());
        assertThat(store.delete("' OR '1'='1@example.org")).isTrue();
        assertThat(store.all()).hasSize(nasty.size() - 1);
    }

    @Test
    void concurrentSavesOfOneNewJidLeaveOneRow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> saves = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String uin = String.valueOf(i);
                saves.add(pool.submit(() -> store.save(new Registration("race@example.org", uin, "pw"))));
            }
            for (Future<?> save : saves) {
                save.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.all()).hasSize(1);
    }

    @Test
    void h2UrlMayCarryItsOwnCredentials() {
        String withCredentials = "jdbc:h2:file:" + dir.resolve("secured") + ";USER=oscar;PASSWORD=pw";
        try (JdbcRegistrationStore secured = JdbcRegistrationStore.open(withCredentials)) {
            secured.save(new Registration("alice@example.org", "1", "a"));
        }
        try (JdbcRegistrationStore reopened = JdbcRegistrationStore.open(withCredentials)) {
            assertThat(reopened.all()).hasSize(1);
        }
        assertThatThrownBy(() -> JdbcRegistrationStore.open(withCredentials.replace("PASSWORD=pw", "PASSWORD=wrong")))
                .isInstanceOf(StoreException.class).hasMessageNotContaining("wrong");
    }

    @Test
    void unreachableDatabaseFailsWithTheUrlButNotItsPassword() {
        assertThatThrownBy(() -> JdbcRegistrationStore.open("jdbc:nosuchdriver://db/x?user=u&password=hunter2"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the registration store at jdbc:nosuchdriver://db/x?user=u&password=***")
                .hasMessageNotContaining("hunter2")
                .cause().hasMessageNotContaining("hunter2");
    }

    @Test
    void registrationToStringHidesThePassword() {
        assertThat(new Registration("alice@example.org", "123456", "hunter2").toString())
                .contains("alice@example.org", "123456").doesNotContain("hunter2");
    }
}
