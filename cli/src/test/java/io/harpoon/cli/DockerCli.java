package io.harpoon.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} CLI against {@code $DOCKER_HOST}, for tests: what an operator types, so a test failure reads
 * like a command line. No Docker client library: the images are the thing under test, not an API binding.
 */
final class DockerCli {
    /** What a finished command printed (stdout and stderr merged) and its exit status. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }

        String trimmed() {
            return output.strip();
        }
    }

    private DockerCli() {
    }

    /** {@code docker version} answers within 20 s: an engine is reachable through DOCKER_HOST. */
    static String unavailableReason() {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
            return "DOCKER_HOST is unset (./harpoon test starts a throw-away dockerd and sets it)";
        }
        try {
            Result r = run(20, "version", "--format", "{{.Server.Version}}");
            return r.ok() ? null : "docker version failed against " + host + ": " + r.trimmed();
        } catch (IOException e) {
            return "no docker CLI on PATH: " + e.getMessage();
        }
    }

    static Result run(int timeoutSeconds, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return exec(cmd, null, Map.of(), timeoutSeconds);
    }

    /** Like {@link #run} but fails with the command's output when it exits non-zero. */
    static String check(int timeoutSeconds, String... args) throws IOException {
        Result r = run(timeoutSeconds, args);
        if (!r.ok()) {
            throw new IOException("docker " + String.join(" ", args) + " exited " + r.exit() + ": " + r.trimmed());
        }
        return r.trimmed();
    }

    static Result exec(List<String> cmd, Path dir, Map<String, String> env, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        // Drain on another thread so a chatty command cannot block on a full pipe while we wait.
        StringBuilder out = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("(output lost: ").append(e).append(')');
            }
        });
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                reader.join(5000);
                return new Result(124, String.join(" ", cmd) + " timed out after " + timeoutSeconds + " s: " + out);
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        return new Result(p.exitValue(), out.toString());
    }
}
