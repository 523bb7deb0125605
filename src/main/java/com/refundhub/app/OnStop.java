package com.refundhub.app;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Camel service that closes something when the context stops, after its routes (services stop in reverse order). */
final class OnStop extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(OnStop.class);
    private final String what;
    private final Runnable close;

    OnStop(String what, Runnable close) {
        this.what = what;
        this.close = close;
    }

    @Override
    protected void doStop() {
        LOG.debug("closing {}", what);
        close.run();
    }

    @Override
    public String toString() {
        return what;
    }
}
