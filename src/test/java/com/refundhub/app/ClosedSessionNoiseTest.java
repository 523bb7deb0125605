package com.refundhub.app;

import com.refundhub.LogCapture;
import jakarta.jms.IllegalStateException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener container's ERROR about a session closed under it goes; any other line of that logger stays. */
class ClosedSessionNoiseTest {
    @Test
    void onlyTheClosedSessionRollbackLineIsDropped() {
        ClosedSessionNoise.install();
        ClosedSessionNoise.install();   // twice, as two hubs in one JVM do
        Logger container = LogManager.getLogger(ClosedSessionNoise.CONTAINER_LOGGER);
        Level before = container.getLevel();   // a hub of an earlier test may have left the JMS loggers quieted
        org.apache.logging.log4j.core.config.Configurator.setLevel(ClosedSessionNoise.CONTAINER_LOGGER, Level.INFO);
        try (LogCapture log = LogCapture.attach()) {
            container.error("Listener exception overridden by rollback exception",
                    new IllegalStateException("AMQ219019: Session is closed"));
            container.error("Listener exception overridden by rollback exception",
                    new IllegalStateException("AMQ229031: Unable to validate user"));
            container.error("Listener exception overridden by rollback exception", new RuntimeException("closed"));
            container.warn("Setup of JMS message listener invoker failed - trying to recover",
                    new IllegalStateException("Session is closed"));
            assertThat(log.lines()).filteredOn(l -> l.logger().equals(ClosedSessionNoise.CONTAINER_LOGGER))
                    .extracting(LogCapture.Line::level).containsExactly(Level.ERROR, Level.ERROR, Level.WARN);
        } finally {
            org.apache.logging.log4j.core.config.Configurator.setLevel(ClosedSessionNoise.CONTAINER_LOGGER, before);
        }
    }
}
