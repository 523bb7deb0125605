package com.refundhub.app;

import com.refundhub.core.Availability;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * While a dependency is gone, the loggers of the libraries that keep retrying it (a JMS listener every second, a job
 * store every few seconds) are silenced: the hub's one line said it is gone and its one line will say it is back
 * (SPEC §13: one line each way, not one per retry or per refund). Their levels are put back on its return.
 */
final class QuietWhileDown {
    private QuietWhileDown() {
    }

    static void of(Availability dependency, String... loggers) {
        Map<String, Level> before = new LinkedHashMap<>();
        dependency.onLoss(() -> {
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            for (String name : loggers) {
                before.put(name, ctx.getConfiguration().getLoggerConfig(name).getLevel());
                Configurator.setLevel(name, Level.OFF);
            }
        });
        dependency.onReturn(() -> {
            before.forEach(Configurator::setLevel);
            before.clear();
        });
    }
}
