package org.oscartransport.http.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UrlTokenTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void carriesAtLeast128BitsAsUnpaddedBase64Url() {
        String value = UrlToken.random(random).value();
        assertThat(value).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(value).length * 8).isGreaterThanOrEqualTo(128);
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) seen.add(UrlToken.random(random).value());
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void matchesOnlyItsExactValue() {
        UrlToken token = UrlToken.random(random);
        String value = token.value();
        assertThat(token.matches(value)).isTrue();
        assertThat(token.matches(value.substring(1))).isFalse();
        assertThat(token.matches(value + "x")).isFalse();
        assertThat(token.matches("")).isFalse();
    }

    @Test
    void toStringDoesNotRevealTheSecret() {
        UrlToken token = UrlToken.random(random);
        assertThat(token.toString()).doesNotContain(token.value());
    }
}
