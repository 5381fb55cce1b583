package dev.sockets.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;

/**
 * Running a program as another user, {@code nobody}, for the tests whose point is a second user
 * (a permission the OS refuses, an attacker beside a root server).
 */
public final class Nobody {
    private Nobody() {
    }

    /** nobody's user and group id on Debian and most Linux systems. */
    public static final int UID = 65534;

    /** The command prefix that runs what follows as nobody; only root may use it. */
    public static List<String> setpriv() {
        return List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups");
    }

    /**
     * The first temp folder every user can reach: the checkout, or java.io.tmpdir, may be under a
     * 0700 directory (a clone in /root, a {@code mktemp -d}) that nobody cannot enter.
     */
    public static Path reachableTempRoot() {
        var tried = new ArrayList<String>();
        for (String candidate : List.of(System.getProperty("java.io.tmpdir"), "/tmp", "/var/tmp", "/dev/shm")) {
            Path p = Path.of(candidate).toAbsolutePath().normalize();
            String blocked = null;
            for (Path q = p; q != null && blocked == null; q = q.getParent()) {
                try {
                    if (!Files.isDirectory(q) || !Files.getPosixFilePermissions(q).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                        blocked = q.toString();
                    }
                } catch (IOException e) {
                    blocked = q + " (" + e.getMessage() + ")";
                }
            }
            if (blocked == null && Files.isWritable(p)) {
                return p;
            }
            tried.add(p + (blocked == null ? " not writable" : " blocked at " + blocked));
        }
        return fail("no temp folder that every user can traverse: " + tried);
    }
}
