package dev.sockets.internal.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PT0S          | 0 s",
        "PT0.000000001S| 1 ns",
        "PT0.00005S    | 50 µs",
        "PT0.0000505S  | 50.5 µs",
        "PT0.3S        | 300 ms",
        "PT0.0015S     | 1.5 ms",
        "PT1S          | 1 s",
        "PT1.5S        | 1.5 s",
        "PT2.0004S     | 2 s",
        "PT2.0005S     | 2.001 s",
        "PT10S         | 10 s",
        "PT90S         | 90 s",
        "PT5M          | 5 min",
        "PT2H          | 2 h",
        "PT90M         | 90 min",
        "PT18H12M15S   | 65535 s",
        "PT-2S         | -2 s",
    })
    void durations_print_as_people_write_them(String iso, String human) {
        assertEquals(human, Durations.human(Duration.parse(iso)));
    }
}
