"""A TLS client on Python's ssl module, for the interop tests: connects to 127.0.0.1:--port,
verifies the server against --cafile for the name localhost, sends --bytes pseudo-random bytes
and reads their echo, prints SENT n sha256 and RECEIVED n sha256. A failed handshake prints
HANDSHAKE_FAILED and exits 2."""
import argparse, hashlib, random, socket, ssl, sys

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--cafile", required=True)
p.add_argument("--protocol", choices=["1.2", "1.3"], required=True)
p.add_argument("--bytes", type=int, required=True)
p.add_argument("--cert")
p.add_argument("--key")
a = p.parse_args()

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
version = ssl.TLSVersion.TLSv1_3 if a.protocol == "1.3" else ssl.TLSVersion.TLSv1_2
ctx.minimum_version = ctx.maximum_version = version
ctx.load_verify_locations(a.cafile)
if a.cert:
    ctx.load_cert_chain(a.cert, a.key)

raw = socket.create_connection(("127.0.0.1", a.port), timeout=60)
try:
    c = ctx.wrap_socket(raw, server_hostname="localhost")
except (ssl.SSLError, OSError) as e:
    print("HANDSHAKE_FAILED", type(e).__name__, flush=True)
    sys.exit(2)
print("TLS", c.version(), c.cipher()[0], flush=True)
# One thread: an SSL object must not be read and written by two threads at once. Send a chunk,
# then read the echo until at most WINDOW bytes are still out, so neither side waits on the other.
WINDOW = 256 * 1024
sent = hashlib.sha256()
got = hashlib.sha256()
rnd = random.Random(17)
n_sent = 0
n_got = 0
try:
    while n_got < a.bytes:
        if n_sent < a.bytes:
            b = rnd.randbytes(min(65536, a.bytes - n_sent))
            c.sendall(b)
            sent.update(b)
            n_sent += len(b)
        while n_got < a.bytes and (n_sent - n_got > WINDOW or n_sent == a.bytes):
            b = c.recv(65536)
            if not b:
                raise EOFError("the server closed after %d bytes" % n_got)
            got.update(b)
            n_got += len(b)
except (ssl.SSLError, OSError, EOFError) as e:
    print("READ_FAILED", type(e).__name__, flush=True)
    sys.exit(3)
print("SENT", n_sent, sent.hexdigest(), flush=True)
print("RECEIVED", n_got, got.hexdigest(), flush=True)
c.close()
