"""Python's smtplib against an SMTP-like server on 127.0.0.1:--port: EHLO, STARTTLS (the server
verified against --cafile for the name 127.0.0.1), EHLO again, NOOP, QUIT. Prints what it saw."""
import argparse, smtplib, ssl

p = argparse.ArgumentParser()
p.add_argument("--port", type=int, required=True)
p.add_argument("--cafile", required=True)
a = p.parse_args()

ctx = ssl.create_default_context(cafile=a.cafile)
with smtplib.SMTP("127.0.0.1", a.port, local_hostname="client.test", timeout=30) as s:
    code, _ = s.ehlo()
    print("EHLO", code, "starttls" if s.has_extn("starttls") else "no-starttls", flush=True)
    code, _ = s.starttls(context=ctx)
    print("STARTTLS", code, s.sock.version(), s.sock.cipher()[0], flush=True)
    code, _ = s.ehlo()
    print("EHLO", code, flush=True)
    code, _ = s.noop()
    print("NOOP", code, flush=True)
print("DONE", flush=True)
