package dev.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockets.testing.Python;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * README's "Python's socket module, call by call" names every function of Python's {@code socket}
 * module and every method of its socket objects, as Python 3 on this machine lists them, so that
 * a call Python grows does not go unanswered.
 */
class PythonSurfaceTableTest {

    @Test
    void the_readme_table_names_every_function_and_socket_method_python_has() throws Exception {
        List<String> python = Python.run("import socket\n"
                + "names = [n for n in dir(socket) if not n.startswith('_') and callable(getattr(socket, n))"
                + " and not n[0].isupper() and n not in ('errorTab',)]\n"
                + "names += ['s.' + n for n in dir(socket.socket) if not n.startswith('_')]\n"
                + "names += ['has_ipv6']\n"
                + "print('\\n'.join(names))\n");
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Python's socket module, call by call");
        int end = readme.indexOf("\n## ", start + 1);
        String table = readme.substring(start, end < 0 ? readme.length() : end);
        var missing = new TreeSet<String>();
        for (String name : python) {
            String bare = name.startsWith("s.") ? name.substring(2) : name;
            boolean named = false;
            for (String line : table.split("\n")) {
                if (!line.startsWith("| ")) {
                    continue;
                }
                String python_ = line.split(" \\| ")[0];
                // `s.name(`, `s.name`, `name(`, or `name` in backquotes, in the Python column
                if (python_.matches(".*`(s\\.)?" + java.util.regex.Pattern.quote(bare) + "[`(,.].*")
                        || python_.matches(".*[`, ]" + java.util.regex.Pattern.quote(bare) + "[`(].*")) {
                    named = true;
                    break;
                }
            }
            if (!named) {
                missing.add(name);
            }
        }
        assertEquals(new TreeSet<String>(), missing, "Python calls the README's table does not name");
    }
}
