// expect in one JShell session, as Tcl's expect and Python's pexpect: a login server in the
// background, and a script that waits for its prompts, answers them, and reads what it says.
//   jshell --class-path target/sockets.jar jshell-scripts/expect.jsh
import dev.sockets.*;
import java.time.Duration;
import java.util.regex.Pattern;

var server = Sockets.tcp().bind("127.0.0.1", 0).listen().onAccept(c -> {
    c.send("Welcome to box 7\r\nlogin: ");
    String user = c.readLine();
    c.send("Password: ");
    if (!c.readLine().equals("secret")) {
        c.send("Login incorrect\r\n");
        return;
    }
    c.send("Last login: today\r\n" + user + "@box7:~$ ");
    c.readLine();
    c.send("uid=1000(" + user + ") gid=100(users)\r\n" + user + "@box7:~$ ");
    c.readLine();
    c.send("logout\r\n");
});
var prompt = Pattern.compile("(\\w+)@(\\w+):~\\$ ");
for (String password : new String[] {"guess", "secret"}) {
    try (var c = Sockets.tcp().timeout(Duration.ofSeconds(10)).connect("127.0.0.1", server.port())) {
        c.expect("login: ");
        c.sendLine("alice");
        c.expect("Password: ");
        c.sendLine(password);
        var m = c.expect(Expect.pattern(prompt), Expect.text("Login incorrect"));
        System.out.println(m);
        if (m.index() == 1) {
            continue;
        }
        c.sendLine("id");
        var id = c.expect(Pattern.compile("uid=(\\d+)\\((\\w+)\\)"));
        System.out.println("uid " + id.group(1) + " is " + id.group(2));
        System.out.println("the rest of the line: " + c.readLine());
        c.expect(prompt);
        System.out.println(c.expect(Duration.ofMillis(200), Expect.text("more"), Expect.TIMEOUT));
        c.sendLine("exit");
        System.out.println(c.expect(Expect.text("$ "), Expect.EOF));
        try {
            c.expect("login: ");
        } catch (SocketClosed e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.reason());
        }
    }
}
server.close();
/exit
