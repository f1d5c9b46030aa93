package org.oscartransport.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptingRegistrationStoreTest {

    @TempDir
    Path dir;

    @Test
    void passwordsAreEncryptedInTheDatabaseAndClearForCallers() throws Exception {
        PasswordCipher cipher = PasswordCipher.fromKeyFile(dir.resolve("store.key"));
        try (JdbcRegistrationStore jdbc = JdbcRegistrationStore.open("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath())) {
            RegistrationStore store = new EncryptingRegistrationStore(jdbc, cipher);
            store.save(new Registration("alice@example.org", "123456", "hunter2"));

            assertThat(store.find("alice@example.org").orElseThrow().password()).isEqualTo("hunter2");
            assertThat(store.all()).extracting(Registration::password).containsExactly("hunter2");
            String raw = jdbc.find("alice@example.org").orElseThrow().password();
            assertThat(raw).startsWith("v1:").doesNotContain("hunter2");
        }
    }

    @Test
    void theKeyFileIsCreatedOnceOwnerOnlyAndReused() throws Exception {
        Path keyFile = dir.resolve("keys/store.key");
        PasswordCipher first = PasswordCipher.fromKeyFile(keyFile);
        String sealed = first.encrypt("pw");

        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(PasswordCipher.fromKeyFile(keyFile).decrypt(sealed)).isEqualTo("pw");
    }

    @Test
    void theSamePasswordEncryptsDifferentlyEachTime() {
        PasswordCipher cipher = PasswordCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
        assertThat(cipher.encrypt("pw")).isNotEqualTo(cipher.encrypt("pw"));
    }

    @Test
    void aWrongKeyIsAClearError() {
        String sealed = PasswordCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32])).encrypt("pw");
        byte[] other = new byte[32];
        other[0] = 1;
        PasswordCipher wrong = PasswordCipher.fromBase64(Base64.getEncoder().encodeToString(other));

        assertThatThrownBy(() -> wrong.decrypt(sealed)).isInstanceOf(StoreException.class).hasMessageContaining("wrong store key");
    }

    @Test
    void passwordsStoredBeforeEncryptionStillRead() {
        PasswordCipher cipher = PasswordCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));
        assertThat(cipher.decrypt("plain-old")).isEqualTo("plain-old");
    }

    @Test
    void aKeyOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> PasswordCipher.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> PasswordCipher.fromBase64("not base64!")).hasMessageContaining("base64");
    }
}
