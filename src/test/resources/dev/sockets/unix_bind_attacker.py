# The other user in UnixBindRaceTest: run as nobody in a directory it may write (0777, no
# sticky bit), where a root server binds target.sock again and again. Each round it tries to
# connect (a foreign client), renames the fresh socket away and plants a symlink to the victim
# file in its place (so that a chmod of the path would change the victim), and does the same to
# any private directory the server binds in (a symlink to a directory of its own whose "s" points
# to the victim). Bounded by rounds and seconds; stops early when its stdin closes.
import os, select, socket, sys, time

d, victim, evil, seconds, max_rounds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
target = os.path.join(d, "target.sock")
deadline = time.monotonic() + seconds
counts = dict(rounds=0, connects=0, renamed=0, planted=0, dirs=0)


def try_connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
        s.send(b"x")
        counts["connects"] += 1
    except OSError:
        pass
    finally:
        s.close()


print("ready", flush=True)
while counts["rounds"] < max_rounds and time.monotonic() < deadline:
    n = counts["rounds"] = counts["rounds"] + 1
    if n % 1000 == 0 and select.select([sys.stdin], [], [], 0)[0] and not sys.stdin.read(1):
        break
    try_connect(target)
    moved = os.path.join(d, "moved-%d" % n)
    try:
        os.rename(target, moved)
        counts["renamed"] += 1
        try_connect(moved)
        os.symlink(victim, target)
        counts["planted"] += 1
    except OSError:
        pass
    try:
        for e in os.listdir(d):
            if e.startswith(".sockets-bind-"):
                os.rename(os.path.join(d, e), os.path.join(d, "moved-dir-%d" % n))
                os.symlink(evil, os.path.join(d, e))
                counts["dirs"] += 1
    except OSError:
        pass
print("attacker " + " ".join("%s=%d" % kv for kv in counts.items()), flush=True)
