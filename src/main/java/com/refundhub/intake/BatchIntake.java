package com.refundhub.intake;

import com.refundhub.core.FieldError;
import com.refundhub.core.RefundRefusedException;
import com.refundhub.ledger.BatchStore;
import com.refundhub.ledger.LineRef;
import com.refundhub.route.RouteProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-drop steps (routes in {@code intake-file.camel.yaml}): open a claimed file as a batch, stream its
 * rows to the accept step, keep what each line became, and write {@code NAME.results.csv} once every line is
 * recorded and {@code NAME.final.csv} once every refund is final or in REVIEW.
 */
public class BatchIntake {
    private static final Logger LOG = LoggerFactory.getLogger(BatchIntake.class);

    private final BatchStore batches;
    private final Path inbox;
    private final Path resultsDir;
    private final Duration lease;
    private final Map<Long, Progress> running = new ConcurrentHashMap<>();
    private final AtomicLong totalRead = new AtomicLong();
    private final AtomicLong totalAccepted = new AtomicLong();
    private final AtomicLong totalRejected = new AtomicLong();
    private volatile boolean stopping;

    /** Counters of one file being read. */
    static final class Progress {
        final String name;
        /** the rows the file holds, as counted when it was opened; -1 when not known */
        final long total;
        final long started = System.nanoTime();
        final AtomicLong read = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile boolean interrupted;

        Progress(String name, long total) {
            this.name = name;
            this.total = total;
        }

        double rate() {
            double secs = (System.nanoTime() - started) / 1e9;
            return secs <= 0 ? 0 : read.get() / secs;
        }
    }

    /**
     * @param resultsDir where NAME.results.csv and NAME.final.csv are written ({@code refundhub.outbox})
     */
    public BatchIntake(BatchStore batches, Path inbox, Path resultsDir, Duration lease) {
        this.batches = batches;
        this.inbox = inbox;
        this.resultsDir = resultsDir;
        this.lease = lease;
    }

    /** The idempotency key of a file: name, size, last modification. Same expression as the consumer's. */
    public static String fileKey(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class) + "-"
                + exchange.getMessage().getHeader(Exchange.FILE_LENGTH, Long.class) + "-"
                + exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class);
    }

    /**
     * Opens the claimed file as a batch and says whether its rows are to be read (fact {@code fileReadable}). A file
     * that cannot be read at all goes to {@code .error} with {@code NAME.error.txt} beside it, and no line of it is
     * acted on.
     */
    public void open(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        long batchId = batches.open(fileKey(exchange), name, lease).orElseThrow(() ->
                new IllegalStateException("batch file " + name + " is being read by another instance"));
        RouteProperties.BATCH_ID.set(exchange, batchId);
        RouteProperties.FILE_READABLE.set(exchange, false);
        long rows;
        try {
            rows = BatchFile.checkReadable(file);
        } catch (UnreadableFileException e) {
            LOG.warn("batch file {} cannot be read: {}; moved to {}", name, e.getMessage(), inbox.resolve(".error"));
            Path errorDir = inbox.resolve(".error");
            Files.createDirectories(errorDir);
            Files.writeString(errorDir.resolve(baseName(name) + ".error.txt"), name + ": " + e.getMessage() + "\n",
                    StandardCharsets.UTF_8);
            batches.unreadable(batchId, e.getMessage());
            RouteProperties.MOVE_TO.set(exchange, ".error");
            return;
        }
        RouteProperties.MOVE_TO.set(exchange, ".done");
        RouteProperties.FILE_READABLE.set(exchange, true);
        running.put(batchId, new Progress(name, rows));
        LOG.info("batch {} ({}) started", name, batchId);
    }

    /** The rows of the file, streamed. */
    public Iterator<BatchRow> rows(Exchange exchange) throws IOException, UnreadableFileException {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        Progress p = progress(exchange);
        BatchFile rows = BatchFile.open(file);
        return new CountingIterator(rows, p);
    }

    /** Split step: one row to the accept step; a line without a request is refused here. */
    public Object request(BatchRow row, Exchange exchange) {
        RouteProperties.BATCH_ROW.set(exchange, row);
        RouteProperties.INTAKE.set(exchange, "FILE");
        RouteProperties.ACTOR.set(exchange, "file:" + progress(exchange).name);
        RouteProperties.LINE_REF.set(exchange, new LineRef(batchId(exchange), row.line()));
        if (row.refusal() != null) {
            throw row.refusal();
        }
        return row.request();
    }

    public void recorded(Exchange exchange) {
        BatchRow row = RouteProperties.BATCH_ROW.require(exchange);
        if (!RouteProperties.CREATED.isTrue(exchange)) {
            // a refund recorded before (an earlier file, or this one read again): the line is kept here
            batches.addRow(batchId(exchange), row.line(), RouteProperties.REFUND_ID.require(exchange), null, null);
        }
        progress(exchange).accepted.incrementAndGet();
        totalAccepted.incrementAndGet();
    }

    public void rejected(Exchange exchange) {
        BatchRow row = RouteProperties.BATCH_ROW.require(exchange);
        RefundRefusedException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, RefundRefusedException.class);
        String named = row.request() != null ? row.request().refundId() : row.namedRefundId();
        String message = e.errors().stream().map(FieldError::toString).collect(Collectors.joining("; "));
        batches.addRow(batchId(exchange), row.line(), named, e.code().name(), message);
        progress(exchange).rejected.incrementAndGet();
        totalRejected.incrementAndGet();
    }

    /** A row failed for a reason that is not its own (database down...): the file will be read again. */
    public void failed(Exchange exchange) {
        BatchRow row = RouteProperties.BATCH_ROW.get(exchange);
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        progress(exchange).failed.incrementAndGet();
        LOG.error("batch {} line {}: {}; the file will be read again", progress(exchange).name,
                row == null ? "?" : row.line(), e == null ? "failure" : e.toString());
    }

    /**
     * The hub is stopping: files being read stop at the next row; the rows in flight finish, and each file stays
     * in the inbox to be read again (from the start; rows already recorded are recognised) at the next start.
     */
    public void stopReading() {
        stopping = true;
    }

    /**
     * Every line is recorded: write NAME.results.csv. A file with failed rows, or cut off by a stop, is left to be read
     * again. Each step may be done twice (the file's route tries it again after the ledger's outage): the counts are
     * kept until the last.
     */
    public void complete(Exchange exchange) throws IOException {
        long batchId = batchId(exchange);
        Progress p = running.get(batchId);
        if (p.interrupted || p.failed.get() > 0) {
            running.remove(batchId);
            throw new BatchInterruptedException(p.interrupted ? "batch " + p.name + " stopped after " + p.read.get()
                    + " lines because the hub is stopping; the file stays in the inbox and is read again at the next "
                    + "start" : p.failed.get() + " lines of " + p.name + " could not be recorded; the file stays in the inbox");
        }
        batches.recorded(batchId, p.read.get(), p.accepted.get(), p.rejected.get());
        Path results = resultsDir.resolve(baseName(p.name) + ".results.csv");
        ResultsCsv.write(results, sink -> batches.forEachResult(batchId, sink));
        LOG.info("batch {} recorded: {} lines, {} accepted, {} rejected, {} rows/s; wrote {}", p.name, p.read.get(),
                p.accepted.get(), p.rejected.get(), Math.round(p.rate()), results);
        writeFinalIfSettled(batchId);
        running.remove(batchId);   // after the counts are in the ledger: GET /batches never shows them drop to 0
    }

    /** Timer: batches whose refunds are all final (or in REVIEW) get NAME.final.csv. */
    public void writeFinals() throws IOException {
        for (long batchId : batches.awaitingFinal()) {
            writeFinalIfSettled(batchId);
        }
    }

    private synchronized void writeFinalIfSettled(long batchId) throws IOException {
        if (batches.openRows(batchId) > 0) {
            return;
        }
        BatchStore.Batch b = batches.find(batchId).orElseThrow();
        Path target = resultsDir.resolve(baseName(b.name()) + ".final.csv");
        ResultsCsv.write(target, sink -> batches.forEachResult(batchId, sink));
        if (batches.markFinal(batchId)) {
            LOG.info("batch {} final: every refund is settled or in REVIEW; wrote {}", b.name(), target);
        }
    }

    /**
     * The claims on the files being read renewed: by the progress timer, and at once when the ledger comes back after
     * an outage that held the reading up (a claim not renewed meanwhile must not run out before its reader goes on).
     */
    public void renewClaims() {
        running.keySet().forEach(id -> batches.renew(id, lease));
    }

    /** Timer: a progress line per file being read, and the claims on them renewed. */
    public void logProgress() {
        renewClaims();
        running.forEach((id, p) -> {
            LOG.info("batch {}: {} lines read, {} accepted, {} rejected, {} rows/s", p.name, p.read.get(),
                    p.accepted.get(), p.rejected.get(), Math.round(p.rate()));
        });
    }

    /**
     * Live counters of a file being read, or null when it is not being read here. {@code total} is the rows the file
     * holds as counted when it was opened ({@link BatchFile#checkReadable}), -1 when not known.
     */
    public record Counts(long read, long accepted, long rejected, long total) {
    }

    public Counts progress(long batchId) {
        Progress p = running.get(batchId);
        return p == null ? null : new Counts(p.read.get(), p.accepted.get(), p.rejected.get(), p.total);
    }

    public int activeBatches() {
        return running.size();
    }

    public long totalRead() {
        return totalRead.get();
    }

    public long totalAccepted() {
        return totalAccepted.get();
    }

    public long totalRejected() {
        return totalRejected.get();
    }

    /** A file that could not be finished this time: it stays in the inbox. */
    public static class BatchInterruptedException extends IllegalStateException {
        BatchInterruptedException(String message) {
            super(message);
        }
    }

    static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private Progress progress(Exchange exchange) {
        return running.computeIfAbsent(batchId(exchange), id -> new Progress("batch " + id, -1));
    }

    private static long batchId(Exchange exchange) {
        return RouteProperties.BATCH_ID.require(exchange);
    }

    private final class CountingIterator implements Iterator<BatchRow>, java.io.Closeable {
        private final BatchFile rows;
        private final Progress progress;

        CountingIterator(BatchFile rows, Progress progress) {
            this.rows = rows;
            this.progress = progress;
        }

        @Override
        public boolean hasNext() {
            if (stopping) {
                progress.interrupted = true;
                return false;
            }
            return rows.hasNext();
        }

        @Override
        public BatchRow next() {
            BatchRow r = rows.next();
            progress.read.incrementAndGet();
            totalRead.incrementAndGet();
            return r;
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }

}
