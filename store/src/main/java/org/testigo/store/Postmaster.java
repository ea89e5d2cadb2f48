package org.testigo.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code postmaster.pid} says about a PostgreSQL cluster directory, and whether that is still true.
 *
 * <p>PostgreSQL writes the file when it starts and removes it when it stops cleanly; line 1 is the
 * postmaster's pid and line 4 its port (see {@code LOCK_FILE_LINE_*} in PostgreSQL's
 * {@code miscadmin.h}). After a crash the file stays behind, and its pid may since have been given to an
 * unrelated process, which is why "is it running" asks the kernel what that pid runs now.
 *
 * @param pid the postmaster's process id
 * @param port the TCP port, or -1 when the postmaster has not written it yet
 */
record Postmaster(long pid, int port) {

    static final String PID_FILE = "postmaster.pid";
    private static final Path PROC = Path.of("/proc");

    /** The postmaster named by the cluster's pid file, if there is a readable one. */
    static Optional<Postmaster> read(Path clusterDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(clusterDir.resolve(PID_FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Being rewritten or unreadable: report a pid that cannot be alive, the caller waits or recovers.
            return Optional.of(new Postmaster(-1, -1));
        }
        long pid = lines.isEmpty() ? -1 : parseLong(lines.get(0));
        int port = lines.size() < 4 ? -1 : (int) parseLong(lines.get(3));
        return Optional.of(new Postmaster(pid, port));
    }

    /** True when the pid is a live (not zombie) process that is a PostgreSQL server. */
    boolean isRunning() {
        return pid > 0 && isPostgres(pid);
    }

    /** True when the pid is some live process, PostgreSQL or not. */
    boolean pidInUse() {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * PostgreSQL processes whose working directory is {@code clusterDir}: every PostgreSQL process
     * (postmaster and backends) changes into its data directory, so this finds the backends a killed
     * postmaster left behind. Empty where {@code /proc} is not available.
     */
    static Set<Long> processesIn(Path clusterDir) {
        Set<Long> found = new TreeSet<>();
        Path target;
        try {
            target = clusterDir.toRealPath();
        } catch (IOException e) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path entry : entries) {
                try {
                    if (Files.readSymbolicLink(entry.resolve("cwd")).equals(target)) {
                        long pid = Long.parseLong(entry.getFileName().toString());
                        if (isPostgres(pid)) {
                            found.add(pid);
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // Gone meanwhile, or not ours to look at.
                }
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    private static boolean isPostgres(long pid) {
        Path stat = PROC.resolve(Long.toString(pid)).resolve("stat");
        if (Files.isDirectory(PROC)) {
            try {
                // "<pid> (<comm>) <state> …"; comm may itself hold parentheses, so take the last ')'.
                String s = Files.readString(stat, StandardCharsets.UTF_8);
                int open = s.indexOf('(');
                int close = s.lastIndexOf(')');
                if (open < 0 || close < open || close + 2 >= s.length()) {
                    return false;
                }
                String comm = s.substring(open + 1, close);
                char state = s.charAt(close + 2);
                return comm.equals("postgres") && state != 'Z' && state != 'X';
            } catch (IOException e) {
                return false;
            }
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().command()).map(c -> c.endsWith("postgres")).orElse(false);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
