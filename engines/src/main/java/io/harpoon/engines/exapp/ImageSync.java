package io.harpoon.engines.exapp;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes an image present on the engine a pool placement chose. AppAPI pulls once, through the pool, onto one engine
 * (a pass-through reaches one engine); the others learn it here, before {@code create}:
 *
 * <pre>
 *  target has it ──► done
 *  pull on the target (its own registry access) ──► done
 *  else: GET /images/&lt;ref&gt;/get on an engine that has it ══stream══► POST /images/load on the target
 * </pre>
 *
 * The copy streams engine to engine through the gateway (no temporary file, bounded by the transports' flow
 * control), so engines without registry access, or with an image that only ever existed locally, still work.
 */
final class ImageSync {
    private static final Logger LOG = LoggerFactory.getLogger(ImageSync.class);

    private ImageSync() {
    }

    /** @return how the image got there: {@code present}, {@code pulled} or {@code copied from <source>} */
    static String ensure(DockerClient target, String image, List<Source> sources, Duration pullLimit)
            throws InterruptedException {
        if (has(target, image)) {
            return "present";
        }
        String pullError;
        try { // half the time for the pull, so that a copy still fits the caller's limit
            if (target.pullImageCmd(image).exec(new PullImageResultCallback())
                    .awaitCompletion(pullLimit.toMillis(), TimeUnit.MILLISECONDS) && has(target, image)) {
                return "pulled";
            }
            pullError = "no result within " + pullLimit.toSeconds() + " s";
        } catch (com.github.dockerjava.api.exception.DockerException e) {
            pullError = EngineErrors.engineMessage(e);
        } catch (RuntimeException e) {
            pullError = String.valueOf(e.getMessage());
        }
        for (Source s : sources) {
            if (!has(s.docker(), image)) {
                continue;
            }
            try (InputStream tar = s.docker().saveImageCmd(image).exec()) {
                target.loadImageCmd(tar).exec();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("copying " + image + " from engine " + s.port(), e);
            }
            if (has(target, image)) {
                LOG.info("image {} copied from engine {} (pull failed: {})", image, s.port(), pullError);
                return "copied from engine " + s.port();
            }
        }
        throw new NotFoundException("image " + image + " is on no engine it could be copied from, and pulling it "
                + "failed: " + pullError);
    }

    static boolean has(DockerClient d, String image) {
        try {
            d.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** An engine the image may be copied from. */
    record Source(int port, DockerClient docker) {
    }
}
