package org.oscartransport.oscar.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.oscar.login.LoginHash;

class AccountsTest {

    private static final byte[] KEY = "1234567890".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void readsUinPasswordLinesSkippingCommentsAndBlanks() throws Exception {
        Path file = Files.writeString(dir.resolve("accounts"), "# test users\n\n111 secret\n222   pass with spaces\n");
        Accounts accounts = Accounts.fromFile(file);

        assertThat(accounts.exists("111")).isTrue();
        assertThat(accounts.exists("333")).isFalse();
        byte[] secret = "secret".getBytes(StandardCharsets.US_ASCII);
        assertThat(accounts.passwordMatches("111", KEY, LoginHash.strong(KEY, secret))).isTrue();
        assertThat(accounts.passwordMatches("111", KEY, LoginHash.weak(KEY, secret))).isTrue();
        assertThat(accounts.passwordMatches("111", KEY, LoginHash.strong(KEY, "nope".getBytes()))).isFalse();
        byte[] spaced = "pass with spaces".getBytes(StandardCharsets.US_ASCII);
        assertThat(accounts.passwordMatches("222", KEY, LoginHash.strong(KEY, spaced))).isTrue();
    }

    @Test
    void badLineIsReportedWithItsNumber() throws Exception {
        Path file = Files.writeString(dir.resolve("accounts"), "111 secret\nalice pw\n");
        assertThatThrownBy(() -> Accounts.fromFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void lineWithoutPasswordAndDuplicatesAreErrors() throws Exception {
        Path noPassword = Files.writeString(dir.resolve("a"), "111\n");
        assertThatThrownBy(() -> Accounts.fromFile(noPassword)).hasMessageContaining("line 1");
        Path twice = Files.writeString(dir.resolve("b"), "111 a\n# c\n111 b\n");
        assertThatThrownBy(() -> Accounts.fromFile(twice)).hasMessageContaining("line 3").hasMessageContaining("twice");
    }

    @Test
    void authMarkFlagsAccountsThatRequireAuthorization() throws Exception {
        Path file = Files.writeString(dir.resolve("accounts"), "111:auth secret\n222 pw\n");
        Accounts accounts = Accounts.fromFile(file);

        assertThat(accounts.exists("111")).isTrue();
        assertThat(accounts.requiresAuthorization("111")).isTrue();
        assertThat(accounts.requiresAuthorization("222")).isFalse();
        assertThat(accounts.passwordMatches("111", KEY,
                LoginHash.strong(KEY, "secret".getBytes(StandardCharsets.US_ASCII)))).isTrue();
        assertThat(accounts.requiringAuthorization(java.util.Set.of("222")).requiresAuthorization("222")).isTrue();
        Path bad = Files.writeString(dir.resolve("bad"), "abc:auth pw\n");
        assertThatThrownBy(() -> Accounts.fromFile(bad)).hasMessageContaining("line 1");
        assertThatThrownBy(() -> Accounts.open().requiringAuthorization(java.util.Set.of("bob")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changedPasswordReplacesTheOldOneAndUnlistedUinsCannotChange() {
        Accounts accounts = Accounts.of(Map.of("111", "old"));

        accounts.changePassword("111", "new");

        assertThat(accounts.passwordMatches("111", KEY, LoginHash.strong(KEY, "new".getBytes()))).isTrue();
        assertThat(accounts.passwordMatches("111", KEY, LoginHash.strong(KEY, "old".getBytes()))).isFalse();
        assertThatThrownBy(() -> accounts.changePassword("222", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(accounts.exists("222")).isFalse();
    }

    @Test
    void openAccountsAcceptEveryone() {
        Accounts open = Accounts.open();
        assertThat(open.exists("42")).isTrue();
        assertThat(open.passwordMatches("42", KEY, new byte[16])).isTrue();
    }

    @Test
    void passwordsLongerThan16BytesMatchTheTruncatedHashLibpurpleSends() {
        Accounts accounts = Accounts.of(Map.of("1", "abcdefghijklmnopqrstuvwxyz"));
        byte[] sent = LoginHash.strong(KEY, LoginHash.icqPasswordBytes("abcdefghijklmnopqrstuvwxyz"));
        assertThat(accounts.passwordMatches("1", KEY, sent)).isTrue();
    }
}
