package org.oscartransport.http.zip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ZipEntryNamesTest {

    @Test
    void aFolderBroughtUpByDroppingALongOneIsNotNamedLikeAFile() {
        ZipEntryNames names = new ZipEntryNames();
        assertThat(names.add("\u0000")).isEqualTo("file"); // nothing left of it: the fallback name

        // folders: 300 x's (too long, dropped to fit), then one that is only control characters ("file")
        String name = names.add("x".repeat(300) + "\u0001\u0000\u0001a.txt");

        assertThat(name).isEqualTo("a.txt");
    }

    @Test
    void aFolderNamedLikeAnEarlierFileIsFlattened() {
        ZipEntryNames names = new ZipEntryNames();
        names.add("Photos");

        assertThat(names.add("photos\u0001b.jpg")).isEqualTo("b.jpg");
    }
}
