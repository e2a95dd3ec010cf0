package io.github.clusterready.tomcat.runtime;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Processes by PID. The plugin runs on Java 8, which has no {@code ProcessHandle}: where the running JVM has it
 * (9 and later) it is used through reflection, else {@code /proc} and the {@code kill} command.
 */
final class Processes {
    private Processes() {
    }

    /** The PID of a process this JVM started. */
    static long pid(Process process) throws IOException {
        try {
            Method pid = Process.class.getMethod("pid");
            return (Long) pid.invoke(process);
        } catch (NoSuchMethodException e) {
            try {
                // Java 8 on Unix: java.lang.UNIXProcess has it as a field
                Field field = process.getClass().getDeclaredField("pid");
                field.setAccessible(true);
                return field.getInt(process);
            } catch (ReflectiveOperationException | RuntimeException inner) {
                throw new IOException("cannot tell the PID of a started process on this Java", inner);
            }
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot tell the PID of a started process: " + e, e);
        }
    }

    /** The command line of a running process, if this system tells it; empty when it is not running. */
    static Optional<String> commandLine(long pid) {
        Path cmdline = Paths.get("/proc", Long.toString(pid), "cmdline");
        if (Files.isDirectory(Paths.get("/proc/self"))) {
            try {
                String line = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
                // a zombie (ended, not yet reaped) has an empty command line
                return line.trim().isEmpty() ? Optional.empty() : Optional.of(line);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        try {
            Class<?> handles = Class.forName("java.lang.ProcessHandle");
            Optional<?> handle = (Optional<?>) handles.getMethod("of", long.class).invoke(null, pid);
            if (!handle.isPresent() || !(Boolean) handles.getMethod("isAlive").invoke(handle.get())) {
                return Optional.empty();
            }
            Object info = handles.getMethod("info").invoke(handle.get());
            Optional<?> line = (Optional<?>) info.getClass().getMethod("commandLine").invoke(info);
            return line.map(Object::toString);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Sends SIGTERM, waits up to {@code graceMillis}, then SIGKILL; returns whether the process is gone. */
    static boolean terminate(long pid, long graceMillis) throws InterruptedException {
        signal("-TERM", pid);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        while (System.nanoTime() < deadline) {
            if (!alive(pid)) {
                return true;
            }
            Thread.sleep(100);
        }
        signal("-KILL", pid);
        for (int i = 0; i < 50 && alive(pid); i++) {
            Thread.sleep(100);
        }
        return !alive(pid);
    }

    static boolean alive(long pid) {
        return commandLine(pid).isPresent();
    }

    private static void signal(String signal, long pid) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
            kill.getInputStream().close();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no kill command: nothing more can be done by PID here
        }
    }
}
