"""A server that upgrades to TLS after a plain line, on Python's ssl module: binds 127.0.0.1 port
0, prints PORT n; reads the line STARTTLS in plain text, answers GO, wraps the connection in TLS
as the server, reads one line and answers ECHO and that line, then closes."""
import argparse, socket, ssl

p = argparse.ArgumentParser()
p.add_argument("--cert", required=True)
p.add_argument("--key", required=True)
a = p.parse_args()

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.minimum_version = ssl.TLSVersion.TLSv1_2
ctx.load_cert_chain(a.cert, a.key)

def line(sock):
    b = b""
    while not b.endswith(b"\n") and len(b) < 1024:
        ch = sock.recv(1)
        if not ch:
            break
        b += ch
    return b.decode("ascii", "replace").strip()

with socket.create_server(("127.0.0.1", 0)) as ls:
    ls.settimeout(60)
    print("PORT", ls.getsockname()[1], flush=True)
    raw, _ = ls.accept()
    raw.settimeout(60)
    first = line(raw)
    print("PLAIN", first, flush=True)
    if first != "STARTTLS":
        raw.sendall(b"NO\r\n")
        raw.close()
    else:
        raw.sendall(b"GO\r\n")
        c = ctx.wrap_socket(raw, server_side=True)
        print("TLS", c.version(), c.cipher()[0], flush=True)
        got = line(c)
        print("GOT", got, flush=True)
        c.sendall(("ECHO " + got + "\r\n").encode("ascii"))
        try:
            c.unwrap()
        except (ssl.SSLError, OSError):
            pass
        c.close()
print("DONE", flush=True)
