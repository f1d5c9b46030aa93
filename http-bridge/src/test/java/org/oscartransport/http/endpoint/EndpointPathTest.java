package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.oscartransport.http.naming.SafeFileName;
import org.oscartransport.http.token.UrlToken;

class EndpointPathTest {

    private final UrlToken token = UrlToken.random(new SecureRandom());
    private final EndpointPath path = new EndpointPath(token, SafeFileName.of("My File+1.txt"));

    @Test
    void matchesItsOwnValue() {
        assertThat(path.value()).isEqualTo("/" + token.value() + "/My%20File%2B1.txt");
        assertThat(path.matches(path.value())).isTrue();
    }

    @Test
    void ignoresAQueryAndAcceptsTheAbsoluteFormProxiesSend() {
        assertThat(path.matches(path.value() + "?v=1")).isTrue();
        assertThat(path.matches("http://files.example.org:40000" + path.value())).isTrue();
    }

    @Test
    void refusesOtherTokensNamesAndShapes() {
        assertThat(path.matches("/" + token.value() + "/My+File%2B1.txt")).as("+ is not a space here").isFalse();
        assertThat(path.matches("/" + token.value() + "/My%20File+1.txt")).as("a literal + is a +").isTrue();
        assertThat(path.matches("/" + token.value() + "/My%20File%2B1.txt/")).isFalse();
        assertThat(path.matches("/" + token.value() + "x/My%20File%2B1.txt")).isFalse();
        assertThat(path.matches(token.value() + "/My%20File%2B1.txt")).isFalse();
        assertThat(path.matches("*")).isFalse();
        assertThat(path.matches("http://h")).isFalse();
    }

    @Test
    void toStringHidesTheToken() {
        assertThat(path.toString()).doesNotContain(token.value());
    }

    @Test
    void maxNameLengthKeepsThePathUnder255() {
        SafeFileName longName = SafeFileName.of("é".repeat(500) + ".ogg")
                .fittingEncodedLength(EndpointPath.maxEncodedNameLength(token));
        assertThat(new EndpointPath(token, longName).value().length()).isLessThanOrEqualTo(EndpointPath.MAX_LENGTH);
    }
}
