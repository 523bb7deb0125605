package com.refundhub.app;

import com.refundhub.config.ObservabilitySettings;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * {@code refundhub.log.format}: the log as plain text (appender {@code console}, the default) or one JSON object per
 * line (appender {@code json}: log4j2's JsonTemplateLayout, template {@code log/refundhub-json.json}). Both appenders
 * are defined in {@code log4j2.properties}; the checked setting picks the one the root logger writes to, once, before
 * the hub starts.
 */
final class LogFormat {
    static final String PLAIN = "console";
    static final String JSON = "json";

    private LogFormat() {
    }

    static void apply(ObservabilitySettings.LogFormat format) {
        if (format != ObservabilitySettings.LogFormat.JSON
                || !(LogManager.getContext(false) instanceof LoggerContext context)) {
            return;
        }
        Configuration config = context.getConfiguration();
        Appender json = config.getAppender(JSON);
        LoggerConfig root = config.getRootLogger();
        if (json == null || !root.getAppenders().containsKey(PLAIN)) {
            return;   // a log4j2 configuration of the deployment's own: left as it is
        }
        root.removeAppender(PLAIN);
        root.addAppender(json, null, null);
        context.updateLoggers();
    }
}
