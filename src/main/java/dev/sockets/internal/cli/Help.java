package dev.sockets.internal.cli;

/** The texts of {@code --help}: the tool's, and each command's. */
final class Help {
    private Help() {
    }

    static final String TOOL = """
            Usage: java -jar sockets-all.jar COMMAND [OPTIONS] ARGS...

            A netcat built on the sockets library: bytes from standard input to a socket, and from
            the socket to standard output, unchanged (no line conversions).

            Commands:
              connect HOST PORT         connect over TCP; standard input to the peer, the peer to standard output
              listen [HOST] PORT        wait for one client on HOST (127.0.0.1 if not given) and do the same
              udp send HOST PORT        send each line of standard input as a datagram; print the replies
              udp listen [HOST] PORT    print every datagram that arrives
              explain TEXT [PORT]       what an address, a host name or a port means, and how tools read it
              getaddrinfo HOST SERVICE  where a service lives, as Python's socket.getaddrinfo

            Options (COMMAND --help says which a command takes):
              -w, --timeout DURATION    give up connecting or waiting after DURATION (5, 500ms, 1.5s, 2min)
              -k, --keep                listen: serve another client after one leaves
              --tls                     TLS over TCP (with --trust FILE, --insecure, --self-signed, --cert/--key)
              -U, --unix PATH           a Unix domain socket instead of HOST PORT
              --wiretap                 show every byte and event on standard error, as socat -v
              -v, --verbose             say on standard error what happens (the address listened on, who connected)
              -h, --help                this text; COMMAND --help for a command's

            Exit status: 0 when done, 1 on a network error (its message on standard error),
            2 for a command line the tool cannot read.
            """;

    static final String CONNECT = """
            Usage: java -jar sockets-all.jar connect [OPTIONS] HOST PORT
                   java -jar sockets-all.jar connect [OPTIONS] --unix PATH

            Connects to HOST PORT and copies standard input to the connection and the connection to
            standard output, as nc HOST PORT. At the end of standard input it shuts its side of the
            connection (the peer reads its end of stream) and goes on printing until the peer closes;
            it ends when both sides are done. On a terminal it ends as soon as the peer closes.

            Options:
              -w, --timeout DURATION  the connect timeout, and the idle time after which it ends
                                      (no byte either way for DURATION: status 0, as nc -w)
              --tls                   TLS: the peer's certificate must be trusted by Java's default
                                      trust store, or by --trust FILE (PEM), and name HOST
              --trust FILE            trust the certificates in FILE (PEM), e.g. one listen --self-signed wrote
              --insecure              trust any certificate: for a quick look only, anyone in between can read it all
              -U, --unix PATH         connect to the Unix domain socket at PATH instead of HOST PORT
              --wiretap               show every byte and event on standard error, as socat -v
              -v, --verbose           say on standard error whom it connected to
              -h, --help              this text

            Example:
              printf 'GET / HTTP/1.0\\r\\n\\r\\n' | java -jar sockets-all.jar connect localhost 8080
            """;

    static final String LISTEN = """
            Usage: java -jar sockets-all.jar listen [OPTIONS] [HOST] PORT
                   java -jar sockets-all.jar listen [OPTIONS] --unix PATH

            Listens on HOST PORT, accepts one client, and copies standard input to it and what it
            sends to standard output, as nc -l. HOST is 127.0.0.1 (loopback) if not given, as
            Sockets.tcp().bind(port); 0.0.0.0 or :: listen on every interface. PORT 0 picks a free
            port (-v prints it). It ends when the client closes and standard input is done.

            Options:
              -k, --keep              serve clients one after another until stopped (Ctrl-C), as nc -lk;
                                      standard input goes to the client connected now
              -w, --timeout DURATION  how long to wait for a client (then status 1), and the idle time
                                      after which a client is let go
              --tls                   TLS, with --self-signed or --cert FILE --key FILE
              --self-signed           a fresh self-signed certificate for HOST, localhost, 127.0.0.1 and ::1;
                                      its PEM file's path is printed on standard error, for connect --trust
              --cert FILE --key FILE  the certificate chain and private key, PEM
              -U, --unix PATH         listen on a Unix domain socket at PATH instead of HOST PORT
              --wiretap               show every byte and event on standard error, as socat -v
              -v, --verbose           say on standard error where it listens and who connected
              -h, --help              this text
            """;

    static final String UDP_SEND = """
            Usage: java -jar sockets-all.jar udp send [OPTIONS] HOST PORT

            Sends each line of standard input, its newline included, as one datagram to HOST PORT,
            as nc -u does when typed into (nc sends each read of standard input, which on a terminal
            is a line; for a pipe the read sizes vary, so this tool splits at newlines always). A
            line longer than 65,507 bytes, the most an IPv4 datagram holds, goes as several. The
            datagrams that come back are printed as they arrive.

            Options:
              -w, --timeout DURATION  after the end of standard input, go on printing replies until
                                      none came for DURATION (without it, end at once)
              --wiretap               show every datagram on standard error, as socat -v
              -v, --verbose           say on standard error where it sends from and to
              -h, --help              this text
            """;

    static final String UDP_LISTEN = """
            Usage: java -jar sockets-all.jar udp listen [OPTIONS] [HOST] PORT

            Binds HOST PORT (HOST 127.0.0.1 if not given) and prints the data of every datagram
            that arrives, from anyone, as it comes, until stopped (Ctrl-C).

            Options:
              -w, --timeout DURATION  end (status 0) when no datagram came for DURATION
              --wiretap               show every datagram on standard error, as socat -v
              -v, --verbose           say on standard error where it listens, and each sender
              -h, --help              this text
            """;

    static final String EXPLAIN = """
            Usage: java -jar sockets-all.jar explain TEXT [PORT]

            Prints what TEXT means as an address or host name, as Sockets.explain: its kind and
            canonical form, how C, Python and Java read it where they differ, the special ranges it
            falls in, what a name resolves to (within 2 s), which local interfaces hold it; and for a
            PORT, its service names and whether binding it needs privilege here.

            Example:
              java -jar sockets-all.jar explain 010.0.0.1
            """;

    static final String GETADDRINFO = """
            Usage: java -jar sockets-all.jar getaddrinfo HOST SERVICE

            Prints where SERVICE (a port number or a name such as http) on HOST lives, as Python's
            socket.getaddrinfo(HOST, SERVICE) does: a list of (family, type, proto, canonname,
            sockaddr) tuples. Status 1, with the reason, when HOST does not resolve.

            Example:
              java -jar sockets-all.jar getaddrinfo localhost http
            """;

    /** The help for {@code command} ("" for the tool's). */
    static String of(String command) {
        return switch (command) {
            case "connect" -> CONNECT;
            case "listen" -> LISTEN;
            case "udp send" -> UDP_SEND;
            case "udp listen" -> UDP_LISTEN;
            case "udp" -> UDP_SEND + "\n" + UDP_LISTEN;
            case "explain" -> EXPLAIN;
            case "getaddrinfo" -> GETADDRINFO;
            default -> TOOL;
        };
    }
}
