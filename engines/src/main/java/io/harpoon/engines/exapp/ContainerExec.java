package io.harpoon.engines.exapp;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;

/** Runs one command in a running container and returns its exit code and output (stdout and stderr merged). */
final class ContainerExec {
    record Result(long exitCode, String output) {
    }

    private ContainerExec() {
    }

    static Result run(DockerClient d, String container, long timeoutSeconds, String... cmd) throws InterruptedException {
        String id = d.execCreateCmd(container).withCmd(cmd).withAttachStdout(true).withAttachStderr(true).exec()
                .getId();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ResultCallback.Adapter<Frame> cb = d.execStartCmd(id).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                out.writeBytes(f.getPayload());
            }
        })) {
            if (!cb.awaitCompletion(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new io.harpoon.engines.transport.EngineTimeoutException("exec " + String.join(" ", cmd)
                        + " in " + container + " did not finish within " + timeoutSeconds + " s");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Long code = d.inspectExecCmd(id).exec().getExitCodeLong();
        return new Result(code == null ? -1 : code, out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
