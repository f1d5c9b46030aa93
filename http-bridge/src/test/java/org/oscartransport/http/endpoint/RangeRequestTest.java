package org.oscartransport.http.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeRequestTest {

    @ParameterizedTest(name = "{0} of 1000 → {1} {2}-{3}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "bytes=0-499       | PARTIAL       | 0   | 500",
        "bytes=500-        | PARTIAL       | 500 | 1000",
        "bytes=-200        | PARTIAL       | 800 | 1000",
        "bytes=-2000       | PARTIAL       | 0   | 1000",
        "bytes=999-999     | PARTIAL       | 999 | 1000",
        "bytes=900-99999999999999999999 | PARTIAL | 900 | 1000",
        "BYTES= 1 - 2     | PARTIAL       | 1   | 3",
        "bytes=1000-       | UNSATISFIABLE | 0   | 0",
        "bytes=99999999999999999999- | UNSATISFIABLE | 0 | 0",
        "bytes=-0          | UNSATISFIABLE | 0   | 0",
        "null              | WHOLE         | 0   | 1000",
        "bytes=0-1,5-6     | WHOLE         | 0   | 1000",
        "bytes=5-4         | WHOLE         | 0   | 1000",
        "bytes=-           | WHOLE         | 0   | 1000",
        "bytes=a-b         | WHOLE         | 0   | 1000",
        "items=0-1         | WHOLE         | 0   | 1000",
        "bytes=1           | WHOLE         | 0   | 1000",
    })
    void parsesOneByteRange(String header, RangeRequest.Kind kind, long start, long end) {
        RangeRequest range = RangeRequest.of(header, null, 1000);
        assertThat(range.kind).isEqualTo(kind);
        if (kind != RangeRequest.Kind.UNSATISFIABLE) {
            assertThat(range.start).isEqualTo(start);
            assertThat(range.end).isEqualTo(end);
        }
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-", "bytes=-1"})
    void nothingOfAnEmptyFileCanBeAskedFor(String header) {
        assertThat(RangeRequest.of(header, null, 0).kind).isEqualTo(RangeRequest.Kind.UNSATISFIABLE);
    }

    @ParameterizedTest
    @CsvSource({"\"abc\"", "Sat, 01 Jan 2000 00:00:00 GMT"})
    void anyIfRangeGetsTheWholeFileSinceWeGiveNoValidators(String ifRange) {
        assertThat(RangeRequest.of("bytes=0-1", ifRange, 1000).kind).isEqualTo(RangeRequest.Kind.WHOLE);
    }

    @ParameterizedTest
    @CsvSource({"bytes=0-499, bytes 0-499/1000", "bytes=-1, bytes 999-999/1000"})
    void contentRangeNamesTheLastByteAndTheSize(String header, String contentRange) {
        assertThat(RangeRequest.of(header, null, 1000).contentRange(1000)).isEqualTo(contentRange);
    }
}
