"""A TLS echo server on Python's ssl module, for the interop tests: binds 127.0.0.1 port 0,
prints PORT n, serves --connections connections one after the other, each: echo exactly
--bytes bytes, print RECEIVED n sha256, close. A failed handshake prints HANDSHAKE_FAILED."""
import argparse, hashlib, socket, ssl, sys

p = argparse.ArgumentParser()
p.add_argument("--cert", required=True)
p.add_argument("--key", required=True)
p.add_argument("--protocol", choices=["1.2", "1.3"], required=True)
p.add_argument("--bytes", type=int, required=True)
p.add_argument("--connections", type=int, default=1)
p.add_argument("--client-ca", help="require a client certificate signed by this CA file")
a = p.parse_args()

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
version = ssl.TLSVersion.TLSv1_3 if a.protocol == "1.3" else ssl.TLSVersion.TLSv1_2
ctx.minimum_version = ctx.maximum_version = version
ctx.load_cert_chain(a.cert, a.key)
if a.client_ca:
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(a.client_ca)

with socket.create_server(("127.0.0.1", 0)) as ls:
    ls.settimeout(60)
    print("PORT", ls.getsockname()[1], flush=True)
    for _ in range(a.connections):
        raw, _ = ls.accept()
        raw.settimeout(60)
        try:
            c = ctx.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError) as e:
            print("HANDSHAKE_FAILED", type(e).__name__, flush=True)
            raw.close()
            continue
        h = hashlib.sha256()
        n = 0
        with c:
            print("TLS", c.version(), c.cipher()[0], flush=True)
            while n < a.bytes:
                b = c.recv(min(65536, a.bytes - n))
                if not b:
                    break
                h.update(b)
                n += len(b)
                c.sendall(b)
            print("RECEIVED", n, h.hexdigest(), flush=True)
            try:
                c.unwrap()
            except (ssl.SSLError, OSError):
                pass
