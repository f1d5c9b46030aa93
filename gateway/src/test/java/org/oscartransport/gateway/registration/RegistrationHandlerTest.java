package org.oscartransport.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.gateway.store.JdbcRegistrationStore;
import org.oscartransport.gateway.store.Registration;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

class RegistrationHandlerTest {

    @TempDir
    Path dir;

    private JdbcRegistrationStore store;
    private final List<Registration> registered = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private RegistrationHandler handler;

    @BeforeEach
    void open() {
        store = JdbcRegistrationStore.open("jdbc:h2:file:" + dir.resolve("db").toAbsolutePath());
        handler = new RegistrationHandler(store, registered::add, removed::add);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void getOffersTheLegacyFields() {
        IQ result = handler.handleGet(request(IQ.Type.get));

        Element query = result.getChildElement();
        assertThat(result.getType()).isEqualTo(IQ.Type.result);
        assertThat(query.element("username")).isNotNull();
        assertThat(query.element("password")).isNotNull();
        assertThat(query.element("registered")).isNull();
    }

    @Test
    void setStoresTheRegistrationAndGetThenShowsIt() {
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("username").setText("123456");
        set.getChildElement().addElement("password").setText("secret");

        assertThat(handler.handleSet(set).getType()).isEqualTo(IQ.Type.result);

        assertThat(store.find("alice@example.org")).contains(new Registration("alice@example.org", "123456", "secret"));
        assertThat(registered).hasSize(1);
        Element query = handler.handleGet(request(IQ.Type.get)).getChildElement();
        assertThat(query.element("registered")).isNotNull();
        assertThat(query.elementText("username")).isEqualTo("123456");
        assertThat(query.elementText("password")).as("the password is never sent back").isEmpty();
    }

    @Test
    void refusesAUsernameThatIsNoUin() {
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("username").setText("alice");
        set.getChildElement().addElement("password").setText("secret");

        IQ answer = handler.handleSet(set);

        assertThat(answer.getType()).isEqualTo(IQ.Type.error);
        assertThat(answer.getError().getCondition()).isEqualTo(PacketError.Condition.not_acceptable);
        assertThat(store.all()).isEmpty();
    }

    @Test
    void refusesMissingPassword() {
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("username").setText("123456");

        assertThat(handler.handleSet(set).getError().getCondition()).isEqualTo(PacketError.Condition.not_acceptable);
    }

    @Test
    void removeDeletesTheRegistration() {
        store.save(new Registration("alice@example.org", "123456", "secret"));
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("remove");

        assertThat(handler.handleSet(set).getType()).isEqualTo(IQ.Type.result);
        assertThat(store.find("alice@example.org")).isEmpty();
        assertThat(removed).containsExactly("alice@example.org");
    }

    @Test
    void removeWithoutRegistrationIsAnError() {
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("remove");

        assertThat(handler.handleSet(set).getError().getCondition())
                .isEqualTo(PacketError.Condition.registration_required);
    }

    private static IQ request(IQ.Type type) {
        IQ iq = new IQ(type);
        iq.setFrom(new JID("alice@example.org/phone"));
        iq.setTo(new JID("icq.example.org"));
        iq.setChildElement("query", RegistrationHandler.NAMESPACE);
        return iq;
    }
}
