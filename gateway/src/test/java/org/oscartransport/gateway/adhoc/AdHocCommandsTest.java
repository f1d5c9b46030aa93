package org.oscartransport.gateway.adhoc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.component.ContactJids;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

class AdHocCommandsTest {

    private static final String NS = AdHocCommands.NAMESPACE;
    private static final JID ALICE = new JID("alice@example.org/phone");

    /** Asks for a word, then echoes it; keeps "state" between the steps. */
    private static final class Echo implements Command {
        public String node() { return "echo"; }
        public String name() { return "Echo"; }
        public boolean adminOnly() { return false; }

        public CompletableFuture<Stage> execute(Caller caller) {
            Element form = DataForms.form("Echo", null);
            DataForms.field(form, "word", "text-single", "Word", List.of());
            return CompletableFuture.completedFuture(Stage.ask(form, "kept"));
        }

        public CompletableFuture<Stage> submit(Caller caller, Map<String, List<String>> values, Object state) {
            return CompletableFuture.completedFuture(Stage.info(state + " " + DataForms.single(values, "word").orElse("?")));
        }
    }

    private final AdHocCommands commands = new AdHocCommands(new ContactJids("icq.example.org"),
            Set.of("boss@example.org"), jid -> jid.equals("alice@example.org"), Runnable::run, List.of(new Echo()));

    @Test
    void aTwoStepCommandKeepsItsStateInTheSession() {
        Element first = commands.execute(request(ALICE, "execute", null, null)).join().getChildElement();
        assertThat(first.attributeValue("status")).isEqualTo("executing");
        assertThat(first.element("actions").element("complete")).isNotNull();
        assertThat(first.element(QName.get("x", DataForms.NAMESPACE)).attributeValue("type")).isEqualTo("form");

        Element last = commands.execute(request(ALICE, "complete", first.attributeValue("sessionid"), "hello"))
                .join().getChildElement();
        assertThat(last.attributeValue("status")).isEqualTo("completed");
        assertThat(last.element("note").getText()).isEqualTo("kept hello");
    }

    @Test
    void aSessionBelongsToTheResourceThatStartedItAndEndsOnCancel() {
        String session = commands.execute(request(ALICE, "execute", null, null)).join().getChildElement()
                .attributeValue("sessionid");

        IQ stolen = commands.execute(request(new JID("alice@example.org/laptop"), "complete", session, "x")).join();
        assertThat(stolen.getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
        assertThat(stolen.getError().getElement().element(QName.get("bad-sessionid", NS))).isNotNull();

        String again = commands.execute(request(ALICE, "execute", null, null)).join().getChildElement()
                .attributeValue("sessionid");
        assertThat(commands.execute(request(ALICE, "cancel", again, null)).join().getChildElement()
                .attributeValue("status")).isEqualTo("canceled");
        assertThat(commands.execute(request(ALICE, "complete", again, "x")).join().getError()).isNotNull();
    }

    @Test
    void strangersAreForbiddenAndUnknownNodesNotFound() {
        IQ stranger = commands.execute(request(new JID("mallory@example.org/x"), "execute", null, null)).join();
        assertThat(stranger.getError().getCondition()).isEqualTo(PacketError.Condition.forbidden);

        IQ unknown = request(ALICE, "execute", null, null);
        unknown.getChildElement().addAttribute("node", "nope");
        assertThat(commands.execute(unknown).join().getError().getCondition())
                .isEqualTo(PacketError.Condition.item_not_found);
    }

    @Test
    void theListHoldsOnlyWhatTheRequesterMayRun() {
        assertThat(items(ALICE)).containsExactly("echo");
        assertThat(items(new JID("boss@example.org/console"))).isEmpty();
    }

    private List<String> items(JID from) {
        IQ get = new IQ(IQ.Type.get);
        get.setFrom(from);
        get.setTo("icq.example.org");
        get.setChildElement("query", "http://jabber.org/protocol/disco#items").addAttribute("node", NS);
        return commands.list(get).join().getChildElement().elements("item").stream()
                .map(i -> i.attributeValue("node")).toList();
    }

    private static IQ request(JID from, String action, String sessionId, String word) {
        IQ iq = new IQ(IQ.Type.set);
        iq.setFrom(from);
        iq.setTo("icq.example.org");
        Element command = iq.setChildElement("command", NS);
        command.addAttribute("node", "echo");
        command.addAttribute("action", action);
        if (sessionId != null) {
            command.addAttribute("sessionid", sessionId);
        }
        if (word != null) {
            Element x = command.addElement(QName.get("x", DataForms.NAMESPACE));
            x.addAttribute("type", "submit");
            DataForms.field(x, "word", "text-single", null, List.of(word));
        }
        return iq;
    }
}
