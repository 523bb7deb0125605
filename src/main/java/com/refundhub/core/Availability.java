package com.refundhub.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether something the hub cannot work without — the ledger's database, the broker — can be used now (SPEC §13).
 * Whoever uses it reports a failure that means it is gone ({@link #markDown}); a probe reports its return
 * ({@link #markUp}). Each change is one log line, however many refunds run into it meanwhile: WARN when it goes,
 * with what the hub does until it is back, INFO when it returns. Those waiting for it ({@link #awaitUp}) are released
 * and listeners ({@link #onReturn}) run when it is back.
 */
public final class Availability {
    private static final Logger LOG = LoggerFactory.getLogger(Availability.class);

    /** Since when it is gone, and the first reason seen. */
    public record Down(Instant since, String why) {
    }

    private final String name;
    private final String meanwhile;
    private final List<Runnable> onReturn = new CopyOnWriteArrayList<>();
    private final List<Runnable> onLoss = new CopyOnWriteArrayList<>();
    private volatile Down down;

    /**
     * @param name      what it is, as the log lines and {@code /health} name it ("ledger", "broker")
     * @param meanwhile what the hub does while it is gone, said once in the line that reports it gone
     */
    public Availability(String name, String meanwhile) {
        this.name = name;
        this.meanwhile = meanwhile;
    }

    public String name() {
        return name;
    }

    public boolean isUp() {
        return down == null;
    }

    public Optional<Down> down() {
        return Optional.ofNullable(down);
    }

    /** Reports it gone; only the first report since it was last up is logged. Returns whether this one changed it. */
    public boolean markDown(String why) {
        synchronized (this) {
            if (down != null) {
                return false;
            }
            down = new Down(Instant.now(), why);
        }
        onLoss.forEach(Availability::runQuietly);   // first: what else would log about it is quiet by the time it is said
        LOG.warn("{} unavailable: {}; {}", name, why, meanwhile);
        return true;
    }

    /** Reports it back (a probe that went through); logged and acted on once. Returns whether this one changed it. */
    public boolean markUp() {
        Down was;
        synchronized (this) {
            was = down;
            if (was == null) {
                return false;
            }
            down = null;
            notifyAll();
        }
        LOG.info("{} available again after {}; carrying on", name, Durations.format(Duration.between(was.since(),
                Instant.now())));
        onReturn.forEach(Availability::runQuietly);
        return true;
    }

    /** Runs {@code action} each time it comes back (on the thread that saw it return). */
    public void onReturn(Runnable action) {
        onReturn.add(action);
    }

    /** Runs {@code action} each time it goes (on the thread that saw it go). */
    public void onLoss(Runnable action) {
        onLoss.add(action);
    }

    /**
     * Waits until it is up, or until {@code giveUp} says to stop waiting (the hub stopping); looks again every 250 ms.
     * Returns whether it is up.
     */
    public boolean awaitUp(BooleanSupplier giveUp) throws InterruptedException {
        synchronized (this) {
            while (down != null) {
                if (giveUp.getAsBoolean()) {
                    return false;
                }
                wait(250);
            }
            return true;
        }
    }

    /** For a health check: null when up, else since when and why it is gone. */
    public String problem() {
        Down d = down;
        return d == null ? null : "unavailable for " + Durations.format(Duration.between(d.since(), Instant.now()))
                + ": " + d.why();
    }

    /**
     * A failure as one short line for the log and {@code /health}: the first message along its causes that says
     * something in words (not a class name, no stack), outermost first.
     */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !m.toLowerCase(java.util.Locale.ROOT).contains("exception")) {
                String line = m.strip().lines().findFirst().orElse(m);
                return line.length() > 200 ? line.substring(0, 200) + "..." : line;
            }
        }
        return "the connection broke";
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.debug("an availability listener failed: {}", e.toString());
        }
    }
}
