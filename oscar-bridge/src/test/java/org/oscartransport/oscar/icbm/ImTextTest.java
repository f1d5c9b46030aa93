package org.oscartransport.oscar.icbm;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImTextTest {

    @Test
    void asciiTextGoesOutAsCharsetZero() {
        ByteBuf out = Unpooled.buffer();
        ImText.write(out, "hi");
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("0501000101" + "010100060000" + "0000" + "6869");
    }

    @Test
    void nonAsciiTextGoesOutAsUtf16() {
        ByteBuf out = Unpooled.buffer();
        ImText.write(out, "Ж");
        assertThat(ByteBufUtil.hexDump(out)).isEqualTo("0501000101" + "010100060002" + "0000" + "0416");
        assertThat(ImText.read(out)).isEqualTo("Ж");
    }

    @Test
    void decodesLatin1AndAsciiThatIsReallyUtf8() {
        byte[] latin1 = "é".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ImText.decode(ImText.CHARSET_LATIN1, latin1)).isEqualTo("é");
        assertThat(ImText.decode(ImText.CHARSET_ASCII, "é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
        assertThat(ImText.decode(ImText.CHARSET_ASCII, latin1)).isEqualTo("é");
    }

    @Test
    void readsEveryTextFragmentAndSkipsOthers() {
        ByteBuf data = Unpooled.wrappedBuffer(HexFormat.of().parseHex(
                "05010004" + "01010102" + "01010006" + "00000000" + "6f6b"));
        assertThat(ImText.read(data)).isEqualTo("ok");
    }

    @Test
    void stripsLibpurpleHtmlWrapping() {
        assertThat(HtmlText.toPlain("<HTML><BODY>a &lt;b&gt; &amp; c<BR>d &#1046;</BODY></HTML>"))
                .isEqualTo("a <b> & c\nd Ж");
        assertThat(HtmlText.toPlain("x < y and <b> stays")).isEqualTo("x < y and <b> stays");
    }

    @Test
    void textForAnHtmlReaderSplitsSoThatEveryEscapedPartFits() {
        String text = "<&> ".repeat(3000) + "ünïcode & more";
        int max = 1000;
        List<String> parts = HtmlText.split(text, max);
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> {
            ByteBuf data = Unpooled.buffer();
            ImText.write(data, HtmlText.fromPlain(part));
            assertThat(data.readableBytes() - ImText.OVERHEAD).isLessThanOrEqualTo(max);
            data.release();
        });
    }

    @Test
    void plainTextForAnHtmlReaderIsEscapedWrappedAndReadBackAsTyped() {
        String typed = "a < b & c > d, <b>x</b> &lt;\r\nnext\nlast";
        String html = HtmlText.fromPlain(typed);
        assertThat(html).isEqualTo("<HTML><BODY>a &lt; b &amp; c &gt; d, &lt;b&gt;x&lt;/b&gt; &amp;lt;<BR>next<BR>last"
                + "</BODY></HTML>");
        assertThat(HtmlText.toPlain(html)).isEqualTo(typed.replace("\r\n", "\n"));
    }
}
