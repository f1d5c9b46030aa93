package org.oscartransport.gateway.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.dom4j.DocumentHelper;
import org.junit.jupiter.api.Test;
import org.oscartransport.gateway.transfer.FileShareParser.File;
import org.oscartransport.gateway.transfer.FileShareParser.Kind;
import org.oscartransport.gateway.transfer.FileShareParser.Nothing;
import org.oscartransport.gateway.transfer.FileShareParser.Text;
import org.xmpp.packet.Message;

/** Stanzas shaped like those the clients named in clients.md send after an HTTP upload. */
class FileShareParserTest {

    private static final String URL = "https://upload.example.org/slot/abc/photo.jpg";

    @Test
    void conversationsStyleBodyPlusOob() throws Exception {
        Kind kind = parse("<message type='chat' to='123456@icq.example.org'><body>" + URL + "</body>"
                + "<x xmlns='jabber:x:oob'><url>" + URL + "</url></x></message>");

        assertThat(kind).isInstanceOf(File.class);
        SharedFile file = ((File) kind).file();
        assertThat(file.url()).hasToString(URL);
        assertThat(file.text()).isEmpty();
    }

    @Test
    void dinoMetadataAnnouncementIsDroppedAndItsSecondMessageIsTheFile() throws Exception {
        Kind announcement = parse("<message type='chat' to='123456@icq.example.org'>"
                + "<file-sharing xmlns='urn:xmpp:sfs:0' id='f1' disposition='inline'>"
                + "<file xmlns='urn:xmpp:file:metadata:0'><name>photo.jpg</name><size>1234</size></file>"
                + "</file-sharing></message>");
        Kind attached = parse("<message type='chat' to='123456@icq.example.org'><body>" + URL + "</body>"
                + "<attach-to xmlns='urn:xmpp:message-attaching:1' id='m1'/>"
                + "<sources xmlns='urn:xmpp:sfs:0' id='f1'><url-data xmlns='http://jabber.org/protocol/url-data' target='" + URL + "'/></sources>"
                + "<x xmlns='jabber:x:oob'><url>" + URL + "</url></x></message>");

        assertThat(announcement).isInstanceOf(Nothing.class);
        assertThat(attached).isInstanceOf(File.class);
        assertThat(((File) attached).file().url()).hasToString(URL);
    }

    @Test
    void psiSimsWithADescriptionInTheBody() throws Exception {
        Kind kind = parse("<message type='chat' to='123456@icq.example.org'><body>Our cat " + URL + "</body>"
                + "<reference xmlns='urn:xmpp:reference:0' type='data' begin='8' end='52'>"
                + "<media-sharing xmlns='urn:xmpp:sims:1'>"
                + "<file xmlns='urn:xmpp:jingle:apps:file-transfer:5'><media-type>image/jpeg</media-type>"
                + "<name>cat.jpg</name><size>3032449</size></file>"
                + "<sources><reference xmlns='urn:xmpp:reference:0' type='data' uri='" + URL + "'/></sources>"
                + "</media-sharing></reference></message>");

        SharedFile file = ((File) kind).file();
        assertThat(file.url()).hasToString(URL);
        assertThat(file.name()).contains("cat.jpg");
        assertThat(file.size()).isEqualTo(3032449);
        assertThat(file.text()).isEqualTo("Our cat");
    }

    @Test
    void anSfsShareWithItsSourcesInOneMessageUsesTheMetadataAndDropsTheFallbackBody() throws Exception {
        Kind kind = parse("<message type='chat' to='123456@icq.example.org'><body>photo.jpg (1 KiB)</body>"
                + "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:sfs:0'/>"
                + "<file-sharing xmlns='urn:xmpp:sfs:0' id='f1'>"
                + "<file xmlns='urn:xmpp:file:metadata:0'><name>holiday.jpg</name><size>1234</size></file>"
                + "<sources><url-data xmlns='http://jabber.org/protocol/url-data' target='" + URL + "'/></sources>"
                + "</file-sharing></message>");

        SharedFile file = ((File) kind).file();
        assertThat(file.url()).hasToString(URL);
        assertThat(file.name()).contains("holiday.jpg");
        assertThat(file.size()).isEqualTo(1234);
        assertThat(file.text()).isEmpty();
    }

    @Test
    void anSfsAnnouncementWithAFallbackBodyIsNotSentAsText() throws Exception {
        assertThat(parse("<message type='chat'><body>Shared a file: photo.jpg</body>"
                + "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:sfs:0'/>"
                + "<file-sharing xmlns='urn:xmpp:sfs:0' id='f1'>"
                + "<file xmlns='urn:xmpp:file:metadata:0'><name>photo.jpg</name></file></file-sharing></message>"))
                .isInstanceOf(Nothing.class);
    }

    @Test
    void aCaptionWithAnSfsAnnouncementIsStillText() throws Exception {
        assertThat(parse("<message type='chat'><body>from the beach</body>"
                + "<file-sharing xmlns='urn:xmpp:sfs:0' id='f1'>"
                + "<file xmlns='urn:xmpp:file:metadata:0'><name>photo.jpg</name></file></file-sharing></message>"))
                .isEqualTo(new Text("from the beach"));
    }

    @Test
    void attachedSourcesWithoutOobAreTheFile() throws Exception {
        Kind kind = parse("<message type='chat'><body>" + URL + "</body>"
                + "<attach-to xmlns='urn:xmpp:message-attaching:1' id='m1'/>"
                + "<sources xmlns='urn:xmpp:sfs:0' id='f1'><url-data xmlns='http://jabber.org/protocol/url-data' target='" + URL + "'/></sources>"
                + "</message>");

        assertThat(((File) kind).file().url()).hasToString(URL);
        assertThat(((File) kind).file().text()).isEmpty();
    }

    @Test
    void aBodyThatIsOnlyAUrlStaysText() throws Exception {
        assertThat(parse("<message type='chat'><body>" + URL + "</body></message>")).isEqualTo(new Text(URL));
    }

    @Test
    void plainChatIsText() throws Exception {
        assertThat(parse("<message type='chat'><body>hi there</body></message>")).isEqualTo(new Text("hi there"));
    }

    @Test
    void anEncryptedOrOddSchemeIsNoFileToFetch() throws Exception {
        Kind kind = parse("<message type='chat'><body>aesgcm://upload.example.org/x.jpg#key</body>"
                + "<x xmlns='jabber:x:oob'><url>aesgcm://upload.example.org/x.jpg#key</url></x></message>");
        assertThat(kind).isInstanceOf(Text.class);
        assertThat(parse("<message type='chat'><x xmlns='jabber:x:oob'><url>file:///etc/passwd</url></x></message>"))
                .isInstanceOf(Nothing.class);
    }

    private static Kind parse(String xml) throws Exception {
        return FileShareParser.parse(new Message(DocumentHelper.parseText(xml).getRootElement()));
    }
}
