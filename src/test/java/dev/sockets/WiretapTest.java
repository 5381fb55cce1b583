package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The wiretap: what it writes for each event, in the manner of {@code socat -v}, and that it writes nothing unless asked. */
@Timeout(60)
class WiretapTest {

    /** A timestamp as the tap writes it: {@code 2026/12/02 11:00:00.123456}. */
    private static final String TIME = "\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{6}";

    /** A stream that keeps what is written and lets a test wait for a text in it (written by another thread). */
    static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(this, true, StandardCharsets.UTF_8);

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            notifyAll();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        /** What was written, with each timestamp as {@code TS}. */
        String masked() {
            return text().replaceAll(TIME, "TS");
        }

        /** Waits until {@code part} was written {@code times} times; the text then. */
        synchronized String await(String part, int times) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (count(text(), part) < times) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + times + " x " + part + " but the tap wrote:\n" + text());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return text();
        }

        private static int count(String text, String part) {
            int n = 0;
            for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
                n++;
            }
            return n;
        }
    }

    private static Server upperCaseOnce() {
        return Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> c.send(c.recv(100).text().toUpperCase()));
    }

    @Test
    void a_short_text_exchange_is_recorded_as_socat_v_shows_it_with_cr_lf_and_tab_written_out() throws Exception {
        var tap = new Capture();
        try (var server = upperCaseOnce()) {
            String l;
            String r;
            try (var c = Sockets.tcp().wiretap(tap.out).connect("127.0.0.1", server.port())) {
                l = c.local().text();
                r = c.remote().text();
                c.send("hello\tworld\r\n");
                assertEquals("HELLO\tWORLD\r\n", c.recvExactly(13).text());
                assertTrue(c.recv(100).isEmpty(), "the server closes after one answer");
            }
            assertEquals("* TS  open tcp connect  " + l + " <> " + r + "\n"
                    + "> TS  length=13 from=0 to=12  " + l + " > " + r + "\n"
                    + "hello\\tworld\\r\\n\n"
                    + "< TS  length=13 from=0 to=12  " + l + " < " + r + "\n"
                    + "HELLO\\tWORLD\\r\\n\n"
                    + "< TS  end of stream  " + l + " < " + r + "\n"
                    + "* TS  close  " + l + " <> " + r + "\n", tap.masked());
        }
    }

    @Test
    void the_offsets_count_on_in_each_direction_and_text_without_a_newline_ends_its_record_with_one() throws Exception {
        var tap = new Capture();
        try (var pair = Sockets.socketpair()) {
            var a = pair.a().wiretap(tap.out);
            a.send("one");
            a.send("two\\");
            pair.b().send("back");
            assertEquals("back", a.recvExactly(4).text());
            String masked = tap.masked();
            assertTrue(masked.contains("> TS  length=3 from=0 to=2  unix: > unix:\none\n"), masked);
            assertTrue(masked.contains("> TS  length=4 from=3 to=6  unix: > unix:\ntwo\\\\\n"), masked);
            assertTrue(masked.startsWith("* TS  wiretap on (unix)  unix: <> unix:\n"), masked);
        }
    }

    @Test
    void binary_data_is_recorded_as_a_hexdump_with_offset_hex_and_ascii() throws Exception {
        var tap = new Capture();
        try (var pair = Sockets.socketpair()) {
            var a = pair.a().wiretap(tap.out);
            byte[] data = new byte[20];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i == 19 ? 'A' : i);
            }
            a.send(data);
            assertEquals("* TS  wiretap on (unix)  unix: <> unix:\n"
                    + "> TS  length=20 from=0 to=19  unix: > unix:\n"
                    + "00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|\n"
                    + "00000010  10 11 12 41                                       |...A|\n"
                    + "00000014\n", tap.masked());
        }
    }

    @Test
    void text_with_an_escape_character_or_bytes_that_are_not_utf8_is_dumped_not_printed() throws Exception {
        var tap = new Capture();
        try (var pair = Sockets.socketpair()) {
            var a = pair.a().wiretap(tap.out);
            a.send("red \u001b[31m");
            a.send(new byte[] {'o', 'k', (byte) 0xff});
            a.send("caf\u00e9 \u202e");
            String masked = tap.masked();
            assertFalse(masked.contains("\u001b"), "no escape reaches the terminal");
            assertTrue(masked.contains("00000000  72 65 64 20 1b 5b 33 31  6d  "), masked);
            assertTrue(masked.contains("00000000  6f 6b ff  "), masked);
            assertTrue(masked.contains("caf\u00e9 \\u202e\n"), masked);
        }
    }

    @Test
    void udp_datagrams_are_recorded_with_the_peer_s_address_each_way() throws Exception {
        var tap = new Capture();
        try (var a = Sockets.udp().wiretap(tap.out).bind("127.0.0.1", 0);
             var b = Sockets.udp().bind("127.0.0.1", 0)) {
            a.sendto("ping", b.local());
            var got = b.recvfrom(100);
            b.sendto("pong\n", got.remote());
            assertEquals("pong\n", a.recvfrom(100).data().text());
            a.close();
            String l = a.local().text();
            String r = b.local().text();
            assertEquals("* TS  open udp bind  " + l + "\n"
                    + "> TS  length=4  " + l + " > " + r + "\n"
                    + "ping\n"
                    + "< TS  length=5  " + l + " < " + r + "\n"
                    + "pong\\n\n"
                    + "* TS  close  " + l + "\n", tap.masked());
        }
    }

    @Test
    void a_connected_udp_socket_and_a_one_off_sendto_are_recorded_too() throws Exception {
        var tap = new Capture();
        try (var b = Sockets.udp().bind("127.0.0.1", 0)) {
            try (var a = Sockets.udp().wiretap(tap.out).connect(b.local())) {
                a.send("hi");
                assertEquals("hi", b.recvfrom(10).data().text());
                String l = a.local().text();
                assertTrue(tap.masked().startsWith("* TS  open udp connect  " + l + " <> " + b.local().text() + "\n"
                        + "> TS  length=2  " + l + " > " + b.local().text() + "\nhi\n"), tap.masked());
            }
            var once = new Capture();
            Sockets.udp().wiretap(once.out).sendto("once", b.local());
            assertEquals("once", b.recvfrom(10).data().text());
            // From the wildcard address: a fresh socket that was never bound.
            assertTrue(Pattern.compile("\\* TS  open udp sendto  0\\.0\\.0\\.0:(\\d+)\n> TS  length=4  0\\.0\\.0\\.0:\\1 > "
                    + Pattern.quote(b.local().text()) + "\nonce\n\\* TS  close  0\\.0\\.0\\.0:\\1\n").matcher(once.masked()).matches(),
                    once.masked());
        }
    }

    @Test
    void an_onDatagram_server_records_each_datagram_and_its_answer() throws Exception {
        var tap = new Capture();
        try (var udp = Sockets.udp().wiretap(tap.out).bind("127.0.0.1", 0);
             var server = udp.onDatagram((s, d) -> s.sendto(d.data(), d.remote()));
             var client = Sockets.udp().timeout(Duration.ofSeconds(10)).bind("127.0.0.1", 0)) {
            client.sendto("echo", udp.local());
            assertEquals("echo", client.recvfrom(100).data().text());
            String text = tap.await(" > " + client.local().text() + "\necho\n", 1).replaceAll(TIME, "TS");
            assertTrue(text.contains("< TS  length=4  " + udp.local().text() + " < " + client.local().text() + "\necho\n"), text);
        }
    }

    @Test
    void onReceive_peers_are_recorded_from_accept_to_close() throws Exception {
        var tap = new Capture();
        try (var server = Sockets.tcp().wiretap(tap.out).bind("127.0.0.1", 0).onReceive((peer, data) -> peer.send(data))) {
            String l;
            String s = server.address().text();
            try (var c = Sockets.tcp().connect("127.0.0.1", server.port())) {
                l = c.local().text();
                c.sendLine("hi");
                assertEquals("hi", c.readLine());
            }
            tap.await("  close  ", 1);
            assertEquals("* TS  open tcp accept  " + s + " <> " + l + "\n"
                    + "< TS  length=3 from=0 to=2  " + s + " < " + l + "\n"
                    + "hi\\n\n"
                    + "> TS  length=3 from=0 to=2  " + s + " > " + l + "\n"
                    + "hi\\n\n"
                    + "< TS  end of stream  " + s + " < " + l + "\n"
                    + "* TS  close  " + s + " <> " + l + "\n", tap.masked());
        }
    }

    @Test
    void onAccept_connections_are_recorded_from_accept_to_close() throws Exception {
        var tap = new Capture();
        try (var server = Sockets.tcp().wiretap(tap.out).bind("127.0.0.1", 0).listen()
                .onAccept(c -> c.sendLine(c.readLine().toUpperCase()))) {
            String l;
            String s = server.address().text();
            try (var c = Sockets.tcp().connect("127.0.0.1", server.port())) {
                l = c.local().text();
                c.sendLine("hi");
                assertEquals("HI", c.readLine());
            }
            tap.await("  close  ", 1);
            assertEquals("* TS  open tcp accept  " + s + " <> " + l + "\n"
                    + "< TS  length=3 from=0 to=2  " + s + " < " + l + "\n"
                    + "hi\\n\n"
                    + "> TS  length=3 from=0 to=2  " + s + " > " + l + "\n"
                    + "HI\\n\n"
                    + "* TS  close  " + s + " <> " + l + "\n", tap.masked());
        }
    }

    @Test
    void a_failed_read_is_recorded_as_an_error_before_the_close() throws Exception {
        var tap = new Capture();
        try (var listener = Sockets.tcp().bind("127.0.0.1", 0).listen()) {
            try (var c = Sockets.tcp().wiretap(tap.out).timeout(Duration.ofMillis(50)).connect("127.0.0.1", listener.port());
                 var quiet = listener.accept()) {
                var e = assertThrows(dev.sockets.Timeout.class, () -> c.recv(10));
                String l = c.local().text();
                String r = c.remote().text();
                c.close();
                assertEquals("* TS  open tcp connect  " + l + " <> " + r + "\n"
                        + "! TS  error: " + e.getMessage() + "  " + l + " <> " + r + "\n"
                        + "* TS  close  " + l + " <> " + r + "\n", tap.masked());
            }
        }
    }

    @Test
    void two_connections_sharing_one_tap_from_two_threads_leave_every_record_whole() throws Exception {
        var tap = new Capture();
        var spec = Sockets.tcp().wiretap(tap.out);
        int each = 300;
        try (var server = Sockets.tcp().bind("127.0.0.1", 0).onReceive((peer, data) -> { })) {
            var start = new CountDownLatch(1);
            List<CompletableFuture<String>> senders = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                senders.add(CompletableFuture.supplyAsync(() -> {
                    try (var c = spec.connect("127.0.0.1", server.port())) {
                        start.await();
                        for (int i = 0; i < each; i++) {
                            c.send(name + "-" + i + " " + "x".repeat(i % 50) + "\n");
                        }
                        return c.local().text();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            start.countDown();
            String a = senders.get(0).get(30, TimeUnit.SECONDS);
            String b = senders.get(1).get(30, TimeUnit.SECONDS);
            var record = Pattern.compile("(?m)^> TS  length=(\\d+) from=\\d+ to=\\d+  (\\S+) > \\S+\n([ab])-(\\d+) (x*)\\\\n\n");
            String masked = tap.masked();
            Matcher m = record.matcher(masked);
            int[] next = new int[2];
            int records = 0;
            int end = 0;
            while (m.find()) {
                int who = m.group(3).equals("a") ? 0 : 1;
                assertEquals(who == 0 ? a : b, m.group(2), "the record is in its connection's name");
                assertEquals(next[who]++, Integer.parseInt(m.group(4)), "in order");
                assertEquals(Integer.parseInt(m.group(4)) % 50, m.group(5).length());
                records++;
                end = m.end();
            }
            assertEquals(2 * each, records);
            long others = masked.lines().filter(x -> x.startsWith("* TS  open tcp connect  ") || x.startsWith("* TS  close  ")).count();
            assertEquals(4, others, masked.substring(end));
            assertEquals(2 * each * 2 + 4, masked.lines().count(), "no line but the records' own");
        }
    }

    @Test
    void a_tap_to_a_file_holds_every_record_and_is_closed_when_the_last_socket_using_it_closes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tap.log");
        var spec = Sockets.tcp().wiretap(file);
        try (var server = upperCaseOnce()) {
            var one = spec.connect("127.0.0.1", server.port());
            var two = spec.connect("127.0.0.1", server.port());
            one.send("first\n");
            assertTrue(Files.readString(file).contains("first\\n\n"), "in the file at once, nothing buffered");
            assertTrue(openHere(file), "open while sockets use it");
            one.close();
            assertTrue(openHere(file), "still open: the second socket uses it");
            two.send("second\n");
            two.close();
            assertFalse(openHere(file), "closed with the last socket");
            String raw = Files.readString(file);
            String text = raw.replaceAll(TIME, "TS");
            assertEquals(2, text.lines().filter(l -> l.startsWith("* TS  open tcp connect")).count(), text);
            assertEquals(2, text.lines().filter(l -> l.startsWith("* TS  close")).count(), text);
            assertTrue(text.contains("second\\n\n"), text);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            try (var three = spec.connect("127.0.0.1", server.port())) {
                three.send("third\n");
            }
            assertTrue(Files.readString(file).startsWith(raw), "appended to, never truncated");
            assertTrue(Files.readString(file).contains("third\\n\n"));
            assertFalse(openHere(file));
        }
    }

    /** True if this process has {@code file} open (Linux: {@code /proc/self/fd}). */
    private static boolean openHere(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.anyMatch(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file.toAbsolutePath());
                } catch (IOException e) {
                    return false; // a descriptor closed meanwhile
                }
            });
        }
    }

    @Test
    void without_a_wiretap_nothing_is_written_and_wiretap_alone_writes_to_standard_error() throws Exception {
        PrintStream err = System.err;
        var captured = new Capture();
        System.setErr(captured.out);
        try {
            try (var server = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> c.sendLine(c.readLine()));
                 var c = Sockets.tcp().connect("127.0.0.1", server.port())) {
                c.sendLine("secret");
                assertEquals("secret", c.readLine());
            }
            try (var pair = Sockets.socketpair(); var u = Sockets.udp().bind("127.0.0.1", 0)) {
                pair.a().send("secret");
                u.sendto("secret", u.local());
                assertEquals("secret", u.recvfrom(10).data().text());
            }
            assertEquals("", captured.text());
            try (var server = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> c.sendLine(c.readLine()));
                 var c = Sockets.tcp().wiretap().connect("127.0.0.1", server.port())) {
                c.sendLine("shown");
                assertEquals("shown", c.readLine());
            }
            assertTrue(captured.text().contains("shown\\n\n"), captured.text());
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void a_tls_connection_is_recorded_in_plaintext_after_its_handshake() throws Exception {
        var id = TlsIdentity.selfSigned("localhost", "127.0.0.1");
        var tap = new Capture();
        var serverTap = new Capture();
        try (var server = Sockets.tls().certificate(id).wiretap(serverTap.out).bind("127.0.0.1", 0)
                .onReceive((peer, data) -> peer.send(data))) {
            try (var c = Sockets.tls().trust(id).wiretap(tap.out).connect("127.0.0.1", server.port())) {
                c.sendLine("plain words");
                assertEquals("plain words", c.readLine());
            }
            String masked = tap.masked();
            assertTrue(Pattern.compile("^\\* TS  open tcp connect  \\S+ <> \\S+\n\\* TS  tls TLSv1\\.3 TLS_\\w+, plaintext from here  \\S+ <> \\S+\n"
                    + "> TS  length=12 from=0 to=11  \\S+ > \\S+\nplain words\\\\n\n< TS  length=12 from=0 to=11  \\S+ < \\S+\nplain words\\\\n\n")
                    .matcher(masked).find(), masked);
            String served = serverTap.await("  close  ", 1).replaceAll(TIME, "TS");
            assertTrue(served.startsWith("* TS  open tls accept  "), served);
            assertTrue(served.contains("plain words\\n\n"), served);
        }
    }

    @Test
    void wiretap_on_a_closed_connection_says_it_is_closed() {
        try (var pair = Sockets.socketpair()) {
            pair.a().close();
            var e = assertThrows(SocketClosed.class, () -> pair.a().wiretap());
            assertTrue(e.getMessage().contains("the connection is closed"), e.getMessage());
        }
    }
}
