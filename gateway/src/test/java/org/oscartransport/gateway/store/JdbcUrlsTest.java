package org.oscartransport.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
    @Test
    void masksPasswordParametersAndUserInfo() {
        assertThat(JdbcUrls.withoutPassword("jdbc:postgresql://db/oscar?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/oscar?user=u&password=***&ssl=true");
        assertThat(JdbcUrls.withoutPassword("jdbc:h2:file:/x;USER=u;PASSWORD=secret;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:/x;USER=u;PASSWORD=***;MODE=PostgreSQL");
        assertThat(JdbcUrls.withoutPassword("jdbc:postgresql://u:secret@db:5432/oscar"))
                .isEqualTo("jdbc:postgresql://u:***@db:5432/oscar");
    }

    @Test
    void leavesUrlsWithoutPasswordsAlone() {
        assertThat(JdbcUrls.withoutPassword("jdbc:h2:file:/var/lib/oscar/oscar-transport"))
                .isEqualTo("jdbc:h2:file:/var/lib/oscar/oscar-transport");
        assertThat(JdbcUrls.withoutPassword("jdbc:postgresql://db:5432/oscar")).isEqualTo("jdbc:postgresql://db:5432/oscar");
    }
}
