package io.harpoon.tunnel.testutil;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures everything logged under {@code io.harpoon} while open. */
public final class LogCapture implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.harpoon");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        logger.addAppender(appender);
    }

    /** Formatted messages plus any throwable text. */
    public synchronized List<String> lines() {
        return List.copyOf(appender.list).stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    }

    public List<String> matching(String needle) {
        return lines().stream().filter(l -> l.contains(needle)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
