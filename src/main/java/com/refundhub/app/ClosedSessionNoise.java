package com.refundhub.app;

import jakarta.jms.JMSException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.filter.CompositeFilter;

/**
 * When the broker goes, a JMS consumer waiting in a transacted receive finds its session closed under it, and Spring's
 * listener container logs an ERROR ("Listener exception overridden by rollback exception ... Session is closed") per
 * consumer, sometimes a few milliseconds before the connection's own failure reaches the hub, which then says the
 * broker is gone in one line and quiets the libraries ({@link QuietWhileDown}). Such a line says nothing that line
 * does not, so it is dropped: only an ERROR of that one message whose exception is a JMS one about something closed.
 */
final class ClosedSessionNoise extends AbstractFilter {
    static final String CONTAINER_LOGGER = "org.apache.camel.component.jms.DefaultJmsMessageListenerContainer";
    private static final String MESSAGE = "Listener exception overridden by rollback exception";

    private ClosedSessionNoise() {
        super(Result.DENY, Result.NEUTRAL);
    }

    /** On the listener container's logger (a logger configuration of its own, made if there is none). */
    static void install() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        LoggerConfig logger = cfg.getLoggerConfig(CONTAINER_LOGGER);
        if (!logger.getName().equals(CONTAINER_LOGGER)) {   // inherited: never put a filter on a parent's
            logger = new LoggerConfig(CONTAINER_LOGGER, null, true);
            cfg.addLogger(CONTAINER_LOGGER, logger);
        }
        Filter present = logger.getFilter();
        if (present instanceof ClosedSessionNoise || present instanceof CompositeFilter all
                && java.util.Arrays.stream(all.getFiltersArray()).anyMatch(ClosedSessionNoise.class::isInstance)) {
            return;   // a second hub in this JVM (the tests)
        }
        logger.addFilter(new ClosedSessionNoise());
        ctx.updateLoggers();
    }

    @Override
    public Filter.Result filter(LogEvent event) {
        return event.getLevel().isMoreSpecificThan(Level.ERROR) && event.getMessage() != null
                && event.getMessage().getFormattedMessage().startsWith(MESSAGE) && closed(event.getThrown())
                ? Result.DENY : Result.NEUTRAL;
    }

    private static boolean closed(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JMSException && t.getMessage() != null && t.getMessage().toLowerCase().contains("closed")) {
                return true;
            }
        }
        return false;
    }
}
