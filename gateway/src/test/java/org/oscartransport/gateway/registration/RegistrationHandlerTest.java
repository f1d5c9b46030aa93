package org.oscartransport.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oscartransport.gateway.store.JdbcRegistrationStore;
import org.oscartransport.gateway.store.Registration;
import org.oscartransport.oscar.login.OscarLoginException;
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
        handler = new RegistrationHandler(store, RegistrationHandlerTest::icqAcceptsOnlySecret, Set.of(),
                Runnable::run, registered::add, removed::add);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void getOffersTheLegacyFields() {
        IQ result = handler.handleGet(request(IQ.Type.get)).join();

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

        assertThat(handler.handleSet(set).join().getType()).isEqualTo(IQ.Type.result);

        assertThat(store.find("alice@example.org")).contains(new Registration("alice@example.org", "123456", "secret"));
        assertThat(registered).hasSize(1);
        Element query = handler.handleGet(request(IQ.Type.get)).join().getChildElement();
        assertThat(query.element("registered")).isNotNull();
        assertThat(query.elementText("username")).isEqualTo("123456");
        assertThat(query.elementText("password")).as("the password is never sent back").isEmpty();
    }

    @Test
    void refusesAUsernameThatIsNoUin() {
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("username").setText("alice");
        set.getChildElement().addElement("password").setText("secret");

        IQ answer = handler.handleSet(set).join();

        assertThat(answer.getType()).isEqualTo(IQ.Type.error);
        assertThat(answer.getError().getCondition()).isEqualTo(PacketError.Condition.not_acceptable);
        assertThat(store.all()).isEmpty();
    }

    @Test
    void refusesMissingPassword() {
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("username").setText("123456");

        assertThat(handler.handleSet(set).join().getError().getCondition()).isEqualTo(PacketError.Condition.not_acceptable);
    }

    @Test
    void removeDeletesTheRegistration() {
        store.save(new Registration("alice@example.org", "123456", "secret"));
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("remove");

        assertThat(handler.handleSet(set).join().getType()).isEqualTo(IQ.Type.result);
        assertThat(store.find("alice@example.org")).isEmpty();
        assertThat(removed).containsExactly("alice@example.org");
    }

    @Test
    void removeWithoutRegistrationIsAnError() {
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("remove");

        assertThat(handler.handleSet(set).join().getError().getCondition())
                .isEqualTo(PacketError.Condition.registration_required);
    }

    @Test
    void refusesAWrongPasswordAsNotAuthorizedAndStoresNothing() {
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("username").setText("123456");
        set.getChildElement().addElement("password").setText("wrong");

        IQ answer = handler.handleSet(set).join();

        assertThat(answer.getError().getCondition()).isEqualTo(PacketError.Condition.not_authorized);
        assertThat(answer.getError().getText()).contains("password");
        assertThat(store.all()).isEmpty();
        assertThat(registered).isEmpty();
    }

    @Test
    void onlyAllowedDomainsMayRegister() {
        RegistrationHandler strict = new RegistrationHandler(store, RegistrationHandlerTest::icqAcceptsOnlySecret,
                Set.of("other.example.org"), Runnable::run, registered::add, removed::add);
        IQ set = request(IQ.Type.set);
        set.getChildElement().addElement("username").setText("123456");
        set.getChildElement().addElement("password").setText("secret");

        assertThat(strict.handleSet(set).join().getError().getCondition()).isEqualTo(PacketError.Condition.not_allowed);
        assertThat(store.all()).isEmpty();
    }

    /** Stands in for the ICQ server: only the password "secret" logs in. */
    private static CompletableFuture<Void> icqAcceptsOnlySecret(String uin, String password) {
        return "secret".equals(password) ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new OscarLoginException(OscarLoginException.Reason.WRONG_PASSWORD,
                        "wrong password"));
    }

    private static IQ request(IQ.Type type) {
        IQ iq = new IQ(type);
        iq.setFrom(new JID("alice@example.org/phone"));
        iq.setTo(new JID("icq.example.org"));
        iq.setChildElement("query", RegistrationHandler.NAMESPACE);
        return iq;
    }
}
