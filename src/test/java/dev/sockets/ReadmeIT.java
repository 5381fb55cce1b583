package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sockets.testing.Subprocess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Every fenced block of README.md is either checked against the packaged jar, or named in
 * {@link #NOT_RUNNABLE} with the reason; a block that is neither, or a name there that matches no
 * block, fails. What each kind of block must do:
 *
 * <ul>
 * <li><b>JShell transcripts</b> (a block with {@code jshell> } lines): the inputs run, in order, in
 *     a real JShell started as {@code jshell-scripts/sockets} starts it (the jar, and the imports of
 *     {@code jshell-scripts/startup.jsh}), and what JShell prints for each input must be the lines
 *     the README shows under it. {@code   ...> } lines continue an input; a {@code $ } line before
 *     the first input says how JShell starts, {@code jshell-scripts/sockets ...} or
 *     {@code jshell --class-path target/sockets.jar ...}, and is run so. Each block starts a fresh JShell,
 *     unless the line just before its fence is {@value #SAME_JSHELL}: then it continues the JShell
 *     of the transcript before it (and is compared as its own block).</li>
 * <li><b>Shell blocks</b> ({@code ```sh}): each line is a command in a terminal of its own, run
 *     from the project directory in order. {@code mvn} is the build that made the jar before this
 *     test ran, not run again ({@code mvn ... && cmd} runs {@code cmd}); the others must be
 *     {@code java -cp target/sockets.jar ...}, {@code java -jar target/sockets-all.jar ...} (the netcat in
 *     the jar) or {@code jshell --class-path target/sockets.jar ...}.
 *     Every command but the last is a server, left running: it is ready once it printed a line,
 *     and its {@code # comment} must be that line. The last must end by itself: its output must be
 *     its comment, or, when the command has no comment and the next block is a plain one that the
 *     prose introduces with "prints", that block, line for line. A comment that says how a
 *     command ends ({@code Ctrl-C ...}) is a note, not output. A block with nothing to run but
 *     {@code mvn} has to be listed.</li>
 * <li><b>Java blocks</b>: each program compiles against the jar as the body of a method, with the
 *     startup's imports; a block holds several programs when a {@code // name} line after a blank
 *     line starts another (the tutorial's {@code // server.py} and {@code // client.py}). None is
 *     run: they bind fixed ports, wait forever or need a second program.</li>
 * <li><b>Dependency blocks</b> ({@code ```xml}, {@code ```kotlin}): the coordinates are pom.xml's.</li>
 * </ul>
 *
 * <p>Output must match exactly, but for what legitimately varies from run to run and machine to
 * machine: blank lines are layout; {@code $N ==>} numbers; a port in Linux's ephemeral range
 * (32768-60999) that the sample itself does not name stands for one the OS chose, and each such
 * README port stands for one port throughout its sample; the README's host name ({@value
 * #README_HOST}) stands for {@link Sockets#gethostname()}, and, in a sample that uses the host name,
 * 127.0.0.1 for the address it resolves to; a {@code |        at ...} line stands for the stack
 * trace JShell prints there. Samples that use the host name run only where it resolves to a
 * loopback address (elsewhere they are reported as skipped, with the address).
 *
 * <p>Network safety: every process runs in a network namespace of its own with only a loopback
 * interface ({@code unshare -rn}) where the machine allows it, so that {@code bind("", 12345)}
 * listens on nothing but that loopback and the samples' fixed ports never meet another program's;
 * where it does not, they run on this machine's network (the samples send to loopback only).
 * Each process has a time limit and is killed at the end.
 */
@Timeout(900)
class ReadmeIT {
    private static final Path BASE = Path.of(System.getProperty("sockets.basedir", ".")).toAbsolutePath();
    private static final Path JAR = Path.of(System.getProperty("sockets.jar", "target/sockets.jar")).toAbsolutePath();
    private static final Path README = BASE.resolve("README.md");
    private static final Duration LIMIT = Duration.ofSeconds(90);

    /** The README's output was copied from a machine of this name. */
    static final String README_HOST = "vm";
    /** The line before a transcript's fence that makes it continue the JShell of the one before. */
    static final String SAME_JSHELL = "<!-- same JShell as above -->";

    /**
     * The blocks that are not run, by the start of their first line, each with its reason.
     */
    static final Map<String, String> NOT_RUNNABLE = Map.of(
            "mvn verify",
            "the build that runs this test",
            "jshell --class-path sockets-all.jar",
            "the one jar copied to a folder of the user's choice, and an interactive JShell and a Script.java"
                    + " of the user's; JarIT runs both forms on a copied sockets-all.jar",
            "sendto <broadcast>:9999:",
            "an error message, not a command; provoking it sends to 255.255.255.255, which must never"
                    + " leave this machine even if the library broke; UdpExamplesIT checks the same message"
                    + " through jshell-scripts/udp.jsh",
            "handshake with 127.0.0.1:8443: the server's certificate is not trusted",
            "error messages, not a command; TlsErrorTest provokes each for real and asserts its exact message",
            "printf 'GET / HTTP/1.0",
            "a pipe into the netcat in the jar and servers of the user's; NetcatIT runs each command"
                    + " against Python peers (connect, listen, --unix, udp send and listen, TLS both ways)",
            "java -cp target/sockets.jar examples/Discovery.java respond alpha 0",
            "the responders run until Ctrl-C and the commands take a port (P) one of them printed;"
                    + " UdpExamplesIT runs the same three commands with a count",
            "* 2026/12/02 11:00:00.123456  open tcp connect",
            "a wiretap's records, with the times and ports of one run; WiretapTest asserts the same records"
                    + " exactly (times by pattern), and JshellScriptsIT runs jshell-scripts/wiretap.jsh and scripting.jsh (the"
                    + " Scripting session's records)",
            "jshell> var s = Sockets.tcp().bind(\"127.0.0.1\", 5000).onAccept(c -> c.lines().forEach(c::sendLine))",
            "the ages (2 min) depend on when each line is typed, and the order of the two connections on which registered first;"
                    + " OpenSocketsTest asserts the table's layout, the AddressInUse message and closeAll's count");

    private static final Pattern FENCE = Pattern.compile("^```\\s*([\\w-]*)\\s*$");
    private static final Pattern PORT = Pattern.compile("(?<=:)\\d{5}(?!\\d)");
    private static final Pattern TEMP = Pattern.compile("^\\$\\d+ ==> ");
    private static final Pattern TRACE = Pattern.compile("^\\|  ( +at .*| +\\.\\.\\.|Caused by: .*)$");
    private static final Pattern TRIMMED = Pattern.compile("^\\| +at \\.\\.\\..*$");
    private static final String PROMPT = "@@readme-input@@";

    /** A fenced block: its first line's number (1-based, the fence's), language and lines. */
    record Block(int line, String lang, List<String> lines, String before) {
        String first() {
            return lines.isEmpty() ? "" : lines.get(0).strip();
        }

        String name() {
            String f = first();
            return "README.md:" + line + " " + (f.length() > 60 ? f.substring(0, 60) + "..." : f);
        }

        boolean isTranscript() {
            return lines.stream().anyMatch(l -> l.startsWith("jshell> "));
        }
    }

    static List<Block> blocks(List<String> readme) {
        var blocks = new ArrayList<Block>();
        var prose = new ArrayList<String>();
        for (int i = 0; i < readme.size(); i++) {
            Matcher open = FENCE.matcher(readme.get(i));
            if (!open.matches()) {
                prose.add(readme.get(i));
                continue;
            }
            int start = i;
            var lines = new ArrayList<String>();
            for (i++; i < readme.size() && !readme.get(i).strip().equals("```"); i++) {
                lines.add(readme.get(i));
            }
            if (i == readme.size()) {
                throw new AssertionError("README.md:" + (start + 1) + ": a block that is never closed");
            }
            blocks.add(new Block(start + 1, open.group(1), lines, String.join("\n", prose)));
            prose.clear();
        }
        return blocks;
    }

    @TestFactory
    Stream<DynamicTest> every_block_of_the_readme_is_checked_or_listed() throws IOException {
        List<Block> blocks = blocks(Files.readAllLines(README, StandardCharsets.UTF_8));
        var tests = new ArrayList<DynamicTest>();
        var listedSeen = new LinkedHashSet<String>();
        var claimed = new LinkedHashSet<Block>();
        List<Block> session = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            String listed = NOT_RUNNABLE.keySet().stream().filter(k -> b.first().startsWith(k)).findFirst().orElse(null);
            if (listed != null) {
                listedSeen.add(listed);
                continue;
            }
            if (claimed.contains(b)) {
                continue;
            }
            if (b.isTranscript()) {
                if (!session.isEmpty() && !lastLine(b.before()).equals(SAME_JSHELL)) {
                    tests.add(transcriptTest(List.copyOf(session)));
                    session.clear();
                }
                session.add(b);
            } else if (b.lang().equals("java")) {
                for (var program : programs(b)) {
                    tests.add(DynamicTest.dynamicTest(b.name() + " (line " + program.getKey() + ") compiles",
                            () -> compile(program.getKey(), program.getValue())));
                }
            } else if (b.lang().equals("sh") || b.lang().equals("bash") || b.lang().equals("shell")) {
                Block output = null;
                if (i + 1 < blocks.size()) {
                    Block next = blocks.get(i + 1);
                    if (next.lang().isEmpty() && !next.isTranscript() && next.before().contains("prints")
                            && !b.lines().isEmpty() && !b.lines().get(b.lines().size() - 1).contains("#")) {
                        output = next;
                        claimed.add(next);
                    }
                }
                Block out = output;
                tests.add(DynamicTest.dynamicTest(b.name() + " prints what the README says", () -> shell(b, out)));
            } else if (b.lang().equals("xml") || b.lang().equals("kotlin")) {
                tests.add(DynamicTest.dynamicTest(b.name() + " names the pom's coordinates", () -> coordinates(b)));
            } else {
                tests.add(DynamicTest.dynamicTest(b.name() + " is neither checked nor listed", () -> fail(
                        b.name() + ": no rule of ReadmeIT checks this block; make it a transcript, a java, sh, xml"
                                + " or kotlin block, or list it in ReadmeIT.NOT_RUNNABLE with the reason")));
            }
        }
        if (!session.isEmpty()) {
            tests.add(transcriptTest(List.copyOf(session)));
        }
        System.out.println("ReadmeIT: " + blocks.size() + " blocks in README.md, " + listedSeen.size()
                + " listed as not runnable, the others checked by " + tests.size() + " tests");
        var stale = new LinkedHashSet<>(NOT_RUNNABLE.keySet());
        stale.removeAll(listedSeen);
        tests.add(DynamicTest.dynamicTest("every block listed as not runnable is still in the README",
                () -> assertEquals(Set.of(), stale, "listed in ReadmeIT.NOT_RUNNABLE but no README block starts so")));
        return tests.stream();
    }

    private static String lastLine(String prose) {
        String[] lines = prose.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    // ---- JShell transcripts ----

    /** One input of a transcript and the lines the README shows under it. */
    record Input(Block block, int line, String code, List<String> expected) {
    }

    static List<Input> inputs(Block b) {
        var inputs = new ArrayList<Input>();
        String code = null;
        int at = 0;
        List<String> expected = null;
        for (int k = 0; k < b.lines().size(); k++) {
            String l = b.lines().get(k);
            int line = b.line() + 1 + k;
            if (l.startsWith("jshell> ")) {
                if (code != null) {
                    inputs.add(new Input(b, at, code, expected));
                }
                code = l.substring("jshell> ".length());
                at = line;
                expected = new ArrayList<>();
            } else if (l.matches("^\\s*\\.\\.\\.> .*")) {
                if (code == null || !expected.isEmpty()) {
                    throw new AssertionError("README.md:" + line + ": a continuation line that continues no input");
                }
                code += "\n" + l.substring(l.indexOf("...> ") + "...> ".length());
            } else if (l.startsWith("$ ")) {
                if (code != null) {
                    throw new AssertionError("README.md:" + line + ": a command after the first jshell> input: " + l);
                }
            } else if (!l.isBlank()) {
                if (code == null) {
                    throw new AssertionError("README.md:" + line + ": output before any jshell> input: " + l);
                }
                expected.add(l.stripTrailing());
            }
        }
        if (code != null) {
            inputs.add(new Input(b, at, code, expected));
        }
        return inputs;
    }

    private DynamicTest transcriptTest(List<Block> session) {
        String name = session.get(0).name() + (session.size() > 1 ? " and the " + (session.size() - 1) + " after it" : "")
                + " prints what the README shows";
        return DynamicTest.dynamicTest(name, () -> transcript(session));
    }

    private static void transcript(List<Block> session) throws Exception {
        var inputs = new ArrayList<Input>();
        for (Block b : session) {
            inputs.addAll(inputs(b));
        }
        var sample = new Sample(inputs.stream().map(Input::code).toList());
        var stdin = new StringBuilder()
                .append("/set mode readme normal -command\n")
                .append("/set prompt readme \"\\n").append(PROMPT).append("\" \"\"\n")
                .append("/set feedback readme\n");
        for (Input in : inputs) {
            stdin.append(in.code()).append('\n');
        }
        stdin.append("/exit\n");
        List<String> command = launcher(session);
        List<String> out;
        try (var ns = Namespace.open()) {
            out = runToEnd(ns, command, stdin.toString());
        }
        // Before the first prompt: the welcome and the answers to /set; after the last: /exit's goodbye.
        var segments = new ArrayList<List<String>>();
        for (String l : out) {
            if (l.startsWith(PROMPT)) {
                segments.add(new ArrayList<>());
                l = l.substring(PROMPT.length()).replaceFirst("^[ \b]*", "");
            }
            if (!segments.isEmpty() && !l.isBlank()) {
                segments.get(segments.size() - 1).add(l.stripTrailing());
            }
        }
        if (segments.size() != inputs.size() + 1) {
            fail("JShell read " + (segments.size() - 1) + " inputs of the " + inputs.size() + " of "
                    + session.get(0).name() + "; it printed:\n" + String.join("\n", out));
        }
        for (int k = 0; k < inputs.size() && k < segments.size(); k++) {
            unecho(segments.get(k), inputs.get(k).code());
        }
        for (int k = 0; k < inputs.size(); k++) {
            Input in = inputs.get(k);
            List<String> actual = segments.get(k);
            List<String> expected = in.expected();
            if (expected.stream().anyMatch(e -> TRIMMED.matcher(e).matches())) {
                actual = collapseTraces(actual);
                expected = expected.stream().map(e -> TRIMMED.matcher(e).matches() ? "|        at ..." : e).toList();
            }
            sample.compare("README.md:" + in.line() + " jshell> " + in.code(), expected, actual);
        }
        sample.verify();
    }

    /**
     * How the session's JShell starts: as its first block's {@code $ } line says, else as
     * {@code jshell-scripts/sockets} (the README's snippets assume its imports).
     */
    static List<String> launcher(List<Block> session) {
        for (int k = 0; k < session.size(); k++) {
            Block b = session.get(k);
            for (int i = 0; i < b.lines().size(); i++) {
                String l = b.lines().get(i);
                if (!l.startsWith("$ ")) {
                    continue;
                }
                String where = "README.md:" + (b.line() + 1 + i);
                if (k > 0) {
                    throw new AssertionError(where + ": a block that continues the JShell above cannot start one: " + l);
                }
                List<String> words = List.of(l.substring(2).replaceFirst("\\s+#.*$", "").strip().split("\\s+"));
                var argv = new ArrayList<String>();
                if (words.get(0).equals("jshell-scripts/sockets")) {
                    argv.addAll(List.of("bash", BASE.resolve("jshell-scripts/sockets").toString(), prefs()));
                } else if (words.size() >= 3 && words.get(0).equals("jshell") && words.get(1).equals("--class-path")
                        && words.get(2).equals("target/sockets.jar")) {
                    argv.addAll(List.of(Subprocess.tool("jshell"), prefs()));
                } else {
                    throw new AssertionError(where + ": ReadmeIT starts JShell as jshell-scripts/sockets or"
                            + " jshell --class-path target/sockets.jar, not " + l);
                }
                argv.addAll(words.subList(1, words.size()));
                return argv;
            }
        }
        return List.of("bash", BASE.resolve("jshell-scripts/sockets").toString(), prefs());
    }

    /** JShell's stack trace lines after an exception, as the one line the README shows for them. */
    private static List<String> collapseTraces(List<String> lines) {
        var out = new ArrayList<String>();
        for (String l : lines) {
            if (TRACE.matcher(l).matches()) {
                if (out.isEmpty() || !out.get(out.size() - 1).equals("|        at ...")) {
                    out.add("|        at ...");
                }
            } else {
                out.add(l);
            }
        }
        return out;
    }

    // ---- shell blocks ----

    record Command(int line, List<String> argv, String comment) {
        boolean printsComment() {
            return comment != null && !comment.startsWith("Ctrl-C");
        }
    }

    static List<Command> commands(Block b) {
        var commands = new ArrayList<Command>();
        for (int k = 0; k < b.lines().size(); k++) {
            String l = b.lines().get(k).strip();
            int line = b.line() + 1 + k;
            if (l.isEmpty()) {
                continue;
            }
            String comment = null;
            Matcher m = Pattern.compile("^(.*?)\\s+#\\s*(.*)$").matcher(l);
            if (m.matches()) {
                l = m.group(1);
                comment = m.group(2).strip();
            }
            Matcher build = Pattern.compile("^mvn [^&]*&&\\s*(.*)$").matcher(l);
            if (build.matches()) {
                l = build.group(1);
            } else if (l.startsWith("mvn ")) {
                continue;
            }
            if (l.contains("\"") || l.contains("'") || l.contains("&") || l.contains("|") || l.contains(";")) {
                throw new AssertionError("README.md:" + line + ": ReadmeIT runs plain commands only, not " + l);
            }
            List<String> words = List.of(l.split("\\s+"));
            var argv = new ArrayList<String>();
            if (words.size() >= 4 && words.get(0).equals("java") && words.get(1).equals("-cp")
                    && words.get(2).equals("target/sockets.jar")) {
                argv.add(Subprocess.tool("java"));
                argv.addAll(words.subList(1, words.size()));
            } else if (words.size() >= 4 && words.get(0).equals("java") && words.get(1).equals("-jar")
                    && words.get(2).equals("target/sockets-all.jar")) {
                argv.add(Subprocess.tool("java"));
                argv.addAll(words.subList(1, words.size()));
            } else if (words.size() >= 4 && words.get(0).equals("jshell") && words.get(1).equals("--class-path")
                    && words.get(2).equals("target/sockets.jar")) {
                argv.add(Subprocess.tool("jshell"));
                argv.add(prefs());
                argv.addAll(words.subList(1, words.size()));
            } else {
                throw new AssertionError("README.md:" + line + ": ReadmeIT runs java or jshell on target/sockets.jar, or java -jar target/sockets-all.jar,"
                        + " not " + l + "; list the block in ReadmeIT.NOT_RUNNABLE if it cannot run");
            }
            commands.add(new Command(line, argv, comment));
        }
        return commands;
    }

    private static void shell(Block b, Block output) throws Exception {
        List<Command> commands = commands(b);
        if (commands.isEmpty()) {
            fail(b.name() + ": nothing to run but the build; list it in ReadmeIT.NOT_RUNNABLE");
        }
        var texts = new ArrayList<String>();
        for (Command c : commands) {
            texts.add(String.join(" ", c.argv()));
        }
        Command last = commands.get(commands.size() - 1);
        if (output == null && !last.printsComment()) {
            fail("README.md:" + last.line() + ": the README says nothing of what this prints; add a comment or an"
                    + " output block");
        }
        List<String> expected = output != null ? output.lines().stream().filter(l -> !l.isBlank()).toList()
                : List.of(last.comment());
        var sample = new Sample(texts);
        var started = new ArrayList<Subprocess>();
        try (var ns = Namespace.open()) {
            for (Command c : commands.subList(0, commands.size() - 1)) {
                var server = Subprocess.start(BASE, ns.wrap(c.argv()));
                started.add(server);
                String first = server.await(l -> true, LIMIT);
                if (c.printsComment()) {
                    sample.compare("README.md:" + c.line(), List.of(c.comment()), List.of(first));
                }
            }
            var p = Subprocess.start(BASE, ns.wrap(last.argv()));
            started.add(p);
            List<String> out = p.finish(LIMIT);
            assertEquals(0, p.exitCode(), "README.md:" + last.line() + " exit code; stderr: " + p.errors());
            sample.compare("README.md:" + (output != null ? output.line() : last.line()), expected,
                    out.stream().filter(l -> !l.isBlank()).toList());
            sample.verify();
        } finally {
            for (var s : started) {
                s.close();
            }
        }
    }

    // ---- comparing output ----

    /**
     * One sample's output, compared line by line: its own ports and commands say which ports it
     * names; a README port the OS chose maps to the same actual port throughout the sample.
     */
    static final class Sample {
        private final Set<String> named = new LinkedHashSet<>();
        private final boolean usesHostName;
        private final Map<String, String> ports = new HashMap<>();
        private final Map<String, String> back = new HashMap<>();
        private final List<String> differences = new ArrayList<>();

        Sample(List<String> code) {
            String all = String.join("\n", code);
            Matcher m = Pattern.compile("(?<!\\d)\\d{5}(?!\\d)").matcher(all);
            while (m.find()) {
                named.add(m.group());
            }
            usesHostName = all.contains("gethostname") || code.stream().anyMatch(ReadmeIT::runsOnItsDefaults);
            if (usesHostName) {
                Host h = Sockets.gethostbyname(Sockets.gethostname());
                Assumptions.assumeTrue(h instanceof Host.Ipv4 v4 && v4.isLoopback(), "gethostname() is "
                        + Sockets.gethostname() + " = " + h + ", not loopback: samples that use it are not run here");
            }
        }

        void compare(String where, List<String> expected, List<String> actual) {
            String shown = "\n  README: " + String.join("\n          ", expected)
                    + "\n  actual: " + String.join("\n          ", actual);
            if (expected.size() != actual.size()) {
                differences.add(where + ": the README shows " + expected.size() + " lines, the sample printed "
                        + actual.size() + shown);
                return;
            }
            for (int k = 0; k < expected.size(); k++) {
                if (!matches(expected.get(k), actual.get(k))) {
                    differences.add(where + ": line " + (k + 1) + " differs" + shown);
                    return;
                }
            }
        }

        /** Fails with every difference found, if any. */
        void verify() {
            if (!differences.isEmpty()) {
                fail(differences.size() + " difference(s) between README.md and what its sample printed:\n"
                        + String.join("\n", differences));
            }
        }

        private boolean matches(String expected, String actual) {
            expected = TEMP.matcher(expected).replaceFirst(Matcher.quoteReplacement("$N ==> "));
            actual = TEMP.matcher(actual).replaceFirst(Matcher.quoteReplacement("$N ==> "));
            expected = expected.replaceAll("\\b" + Pattern.quote(README_HOST) + "\\b",
                    Matcher.quoteReplacement(Sockets.gethostname()));
            if (usesHostName) {
                String address = Sockets.gethostbyname(Sockets.gethostname()).toString();
                actual = actual.replace(address, "127.0.0.1");
            }
            var regex = new StringBuilder();
            var chosen = new ArrayList<String>();
            Matcher m = PORT.matcher(expected);
            int from = 0;
            while (m.find()) {
                int port = Integer.parseInt(m.group());
                if (port >= 32768 && port <= 60999 && !named.contains(m.group())) {
                    regex.append(Pattern.quote(expected.substring(from, m.start()))).append("(\\d{1,5})");
                    chosen.add(m.group());
                    from = m.end();
                }
            }
            regex.append(Pattern.quote(expected.substring(from)));
            Matcher a = Pattern.compile(regex.toString()).matcher(actual);
            if (!a.matches()) {
                return false;
            }
            var newPorts = new HashMap<>(ports);
            var newBack = new HashMap<>(back);
            for (int g = 0; g < chosen.size(); g++) {
                String readme = chosen.get(g);
                String real = a.group(g + 1);
                if (!real.equals(newPorts.getOrDefault(readme, real)) || !readme.equals(newBack.getOrDefault(real, readme))) {
                    return false;
                }
                newPorts.put(readme, real);
                newBack.put(real, readme);
            }
            ports.putAll(newPorts);
            back.putAll(newBack);
            return true;
        }
    }

    /** An example or script given no host runs on gethostname(), as the tutorial's do. */
    private static boolean runsOnItsDefaults(String command) {
        return command.matches(".*(examples/\\w+\\.java|jshell-scripts/\\w+\\.jsh)") && !command.contains("-R-Dhost=");
    }

    // ---- java blocks ----

    /** The programs of a java block, by the README line each starts on. */
    static List<Map.Entry<Integer, String>> programs(Block b) {
        var programs = new ArrayList<Map.Entry<Integer, String>>();
        var current = new StringBuilder();
        int start = b.line() + 1;
        for (int k = 0; k < b.lines().size(); k++) {
            String l = b.lines().get(k);
            boolean starts = l.startsWith("//") && k > 0 && b.lines().get(k - 1).isBlank();
            if (starts && !current.toString().isBlank()) {
                programs.add(Map.entry(start, current.toString()));
                current.setLength(0);
                start = b.line() + 1 + k;
            }
            current.append(l).append('\n');
        }
        programs.add(Map.entry(start, current.toString()));
        return programs;
    }

    /**
     * Compiles one program with the JDK's javac, in this JVM. Through java.util.spi.ToolProvider,
     * not javax.tools: the tests compile into the module dev.sockets, which does not read java.compiler.
     */
    private static void compile(int line, String body) throws IOException {
        var javac = java.util.spi.ToolProvider.findFirst("javac")
                .orElseThrow(() -> new AssertionError("no javac in " + System.getProperty("java.home")));
        String cls = "ReadmeLine" + line;
        Path dir = Files.createDirectories(BASE.resolve("target/readme-snippets"));
        Path source = dir.resolve(cls + ".java");
        // The head on one line: javac's line K of the file is the README's line + K - 2.
        Files.writeString(source, "import dev.sockets.*; import java.time.Duration; class " + cls
                + " { void run() throws Exception {\n" + body + "\n} }\n");
        var said = new java.io.StringWriter();
        var w = new java.io.PrintWriter(said);
        int code = javac.run(w, w, "--release", "17", "-proc:none", "-Xlint:none", "-d", dir.toString(),
                "-cp", JAR + File.pathSeparator + JAR.resolveSibling("lib") + File.separator + "*", source.toString());
        w.flush();
        if (code != 0) {
            Matcher m = Pattern.compile(Pattern.quote(source.toString()) + ":(\\d+):").matcher(said.toString());
            var messages = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(messages, "README.md:" + (line + Integer.parseInt(m.group(1)) - 2) + ":");
            }
            m.appendTail(messages);
            fail("the java block at README.md:" + line + " does not compile against the jar:\n" + messages);
        }
    }

    // ---- dependency blocks ----

    private static void coordinates(Block b) throws IOException {
        String pom = Files.readString(BASE.resolve("pom.xml"));
        String g = first(pom, "groupId");
        String a = first(pom, "artifactId");
        String v = first(pom, "version");
        String text = String.join("\n", b.lines());
        if (b.lang().equals("xml")) {
            assertEquals(List.of(g, a, v), List.of(first(text, "groupId"), first(text, "artifactId"), first(text, "version")),
                    b.name());
        } else {
            Matcher m = Pattern.compile("\"([\\w.-]+:[\\w.-]+:[\\w.-]+)\"").matcher(text);
            if (!m.find()) {
                fail(b.name() + ": no group:artifact:version in the block");
            }
            assertEquals(g + ":" + a + ":" + v, m.group(1), b.name());
        }
    }

    private static String first(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(xml);
        if (!m.find()) {
            throw new AssertionError("no <" + tag + "> in " + xml);
        }
        return m.group(1).strip();
    }

    // ---- processes ----

    /** JShell's preferences in target/, so that its first-run line is not printed among the output. */
    private static String prefs() {
        Path prefs = BASE.resolve("target").resolve("jshell-prefs");
        try {
            Files.createDirectories(prefs.resolve(".java").resolve(".userPrefs"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return "-J-Djava.util.prefs.userRoot=" + prefs;
    }

    private static volatile boolean noNamespace;

    /**
     * A network namespace with only a loopback interface, for the processes of one sample: held by
     * a process that sleeps in it, entered with nsenter. Where the machine allows no namespace, the
     * processes run on its network.
     */
    static final class Namespace implements AutoCloseable {
        private final Subprocess holder;

        private Namespace(Subprocess holder) {
            this.holder = holder;
        }

        static Namespace open() throws Exception {
            String ip = Stream.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")
                    .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
            if (noNamespace || ip == null || !onPath("unshare") || !onPath("nsenter")) {
                return withoutOne("no ip, unshare or nsenter command");
            }
            var holder = Subprocess.start(BASE, List.of("unshare", "-rn", "sh", "-c",
                    ip + " link set lo up && echo ready && exec sleep " + 2 * LIMIT.toSeconds()));
            try {
                holder.awaitPrefix("ready", Duration.ofSeconds(30));
                return new Namespace(holder);
            } catch (AssertionError e) {
                holder.close();
                return withoutOne(holder.errors().strip());
            }
        }

        private static Namespace withoutOne(String why) {
            if (!noNamespace) {
                noNamespace = true;
                System.err.println("ReadmeIT: no network namespace (" + why + "): the samples run on this machine's network");
            }
            return new Namespace(null);
        }

        private static boolean onPath(String command) {
            return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                    .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
        }

        /** {@code command}, to run in this namespace. */
        List<String> wrap(List<String> command) {
            var all = new ArrayList<String>();
            if (holder != null) {
                all.addAll(List.of("nsenter", "-t", Long.toString(holder.pid()), "-U", "-n", "--preserve-credentials"));
            }
            all.addAll(command);
            return all;
        }

        @Override
        public void close() throws InterruptedException {
            if (holder != null) {
                holder.close();
            }
        }
    }

    /** Runs {@code command} in the project directory with {@code stdin}, and returns all it printed. */
    private static List<String> runToEnd(Namespace ns, List<String> command, String stdin) throws Exception {
        Path out = Files.createTempFile(Files.createDirectories(BASE.resolve("target")), "readme-", ".out");
        var pb = new ProcessBuilder(ns.wrap(command)).directory(BASE.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        try {
            try (var w = p.getOutputStream()) {
                w.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                fail("still running after " + LIMIT + "; printed:\n" + Files.readString(out));
            }
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        }
    }

    private static final Pattern ANSWER = Pattern.compile("(\\$\\d+|[A-Za-z_][A-Za-z0-9_]*) ==> |\\|  ");
    private static final Pattern ESCAPE = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]|\r");

    private static final Pattern DECLARED = Pattern.compile("^\\s*(?:var|[A-Za-z_][\\w.<>\\[\\], ]*?)\\s+([A-Za-z_]\\w*)\\s*=[^=]");

    /**
     * Removes JShell's echo of the input from the first line of its answer: under load JDK 25's
     * line editor redraws part of the input line before the answer
     * ({@code var server = Sockets.tcp().bind("127.0.0.1", 0server ==> ...}), with terminal escapes,
     * and may echo the continuation lines of an input of several lines, each on a line of its own.
     */
    static void unecho(List<String> segment, String code) {
        List<String> codeLines = code.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (codeLines.size() > 1) {
            // Whole lines of the input, echoed before the answer.
            while (!segment.isEmpty()) {
                String line = ESCAPE.matcher(segment.get(0)).replaceAll("").strip();
                if (line.startsWith("...>")) {
                    line = line.substring(4).strip();
                }
                if (!codeLines.contains(line) || ANSWER.matcher(line).lookingAt()) {
                    break;
                }
                segment.remove(0);
            }
        }
        if (segment.isEmpty()) {
            return;
        }
        // A declaration is answered by its name: `var c = ...` by `c ==> `, so an echo ending in
        // that name's letters (`coc ==> `) is not taken for an answer of its own.
        Matcher declared = DECLARED.matcher(code);
        Pattern answer = declared.find()
                ? Pattern.compile(Pattern.quote(declared.group(1)) + " ==> |\\|  ")
                : ANSWER;
        String first = ESCAPE.matcher(segment.get(0)).replaceAll("");
        int common = 0;
        while (common < first.length() && common < code.length() && first.charAt(common) == code.charAt(common)) {
            common++;
        }
        // The echo is a piece of the input (its start, or what the editor redrew); the answer after it starts as JShell's answers do
        // ($1 ==> , name ==> , |  ). The shortest such cut wins, so `server` answered by
        // `server ==> ...` keeps its answer whole.
        // The editor indents an echoed continuation line its own way: the piece is looked for
        // in the input without its leading blanks.
        int lead = 0;
        while (lead < first.length() && Character.isWhitespace(first.charAt(lead))) {
            lead++;
        }
        int cut = -1;
        for (int n = lead; n < first.length() && code.contains(first.substring(lead, n)); n++) {
            if (answer.matcher(first.substring(n)).lookingAt()) {
                cut = n;
                break;
            }
        }
        if (cut < 0 && common >= 8) {
            cut = common; // printed text after a long echo
        }
        if (cut > 0) {
            first = first.substring(cut);
        }
        if (first.isBlank()) {
            segment.remove(0);
        } else {
            segment.set(0, first);
        }
    }
}
