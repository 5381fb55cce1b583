"""A TLS client on Python's ssl module, for the interop tests: connects to 127.0.0.1:--port,
verifies the server against --cafile for the name localhost, sends --bytes pseudo-random bytes
while it reads the echo, prints SENT n sha256 and RECEIVED n sha256. A failed handshake prints
HANDSHAKE_FAILED and exits 2."""
import argparse, hashlib, random, socket, ssl, sys, threading

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
sent = hashlib.sha256()
failure = []

def send():
    rnd = random.Random(17)
    left = a.bytes
    try:
        while left > 0:
            b = rnd.randbytes(min(65536, left))
            c.sendall(b)
            sent.update(b)
            left -= len(b)
    except (ssl.SSLError, OSError) as e:
        failure.append(e)

t = threading.Thread(target=send)
t.start()
got = hashlib.sha256()
n = 0
try:
    while n < a.bytes:
        b = c.recv(65536)
        if not b:
            break
        got.update(b)
        n += len(b)
except (ssl.SSLError, OSError) as e:
    print("READ_FAILED", type(e).__name__, flush=True)
    t.join(60)
    sys.exit(3)
t.join(60)
print("SENT", a.bytes, sent.hexdigest(), flush=True)
print("RECEIVED", n, got.hexdigest(), flush=True)
c.close()
sys.exit(1 if failure else 0)
