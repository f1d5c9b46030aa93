package org.oscartransport.http.zip;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ZIP entry-name sanitiser on any sequence of peer-supplied names. Every name it gives is safe to unpack
 * (relative, no empty, "." or ".." component, no backslash, control or bidi character, within
 * {@link ZipEntryNames#MAX_BYTES} UTF-8 bytes) and unique in the archive ignoring case, also against the
 * folders that earlier names create: no file shadows a folder or the other way round.
 */
class ZipEntryNamesFuzzTest {

    @FuzzTest
    void names(FuzzedDataProvider data) {
        ZipEntryNames names = new ZipEntryNames();
        List<String> given = new ArrayList<>();
        int count = data.consumeInt(1, 16);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            String offered = data.consumeString(data.consumeInt(0, 400));
            String name = names.add(offered);
            assertSafe(offered, name);
            given.add(name);
        }
        Set<String> files = new HashSet<>();
        Set<String> folders = new HashSet<>();
        for (String name : given) {
            String key = name.toLowerCase(Locale.ROOT);
            assertThat(files.add(key)).as("%s is unique in %s", name, given).isTrue();
            for (int i = key.indexOf('/'); i >= 0; i = key.indexOf('/', i + 1)) {
                folders.add(key.substring(0, i));
            }
        }
        for (String folder : folders) {
            assertThat(files).as("no file is named like a folder").doesNotContain(folder);
        }
    }

    private static void assertSafe(String offered, String name) {
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).as("bytes of %s", name)
                .isBetween(1, ZipEntryNames.MAX_BYTES);
        assertThat(name).as("from %s", offered).doesNotContain("\\").doesNotStartWith("/").doesNotEndWith("/");
        for (String component : name.split("/", -1)) {
            assertThat(component).as("a component of %s", name).isNotBlank().isNotEqualTo(".").isNotEqualTo("..");
        }
        name.codePoints().forEach(cp -> {
            assertThat(Character.isISOControl(cp)).as("control U+%04X in %s", cp, name).isFalse();
            assertThat(Character.getType(cp)).as("U+%04X in %s", cp, name)
                    .isNotEqualTo((int) Character.SURROGATE);
            if (Character.getType(cp) == Character.FORMAT) {
                assertThat(cp).as("format character in %s", name).isIn(0x200C, 0x200D);
            }
        });
    }
}
