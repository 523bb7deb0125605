package com.refundhub.intake;

import com.refundhub.ledger.BatchStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes {@code line,refundId,status,code,message} result files: to a temporary name first and then moved
 * into place, so whoever watches the results folder (refundhub.outbox) never sees half a file. Cells that a spreadsheet would run as a
 * formula (starting with {@code = + - @}, tab or CR) are written with a leading apostrophe.
 */
public final class ResultsCsv {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setHeader("line", "refundId", "status", "code", "message").get();

    private ResultsCsv() {
    }

    /** @param rows called with a sink; it feeds every row into it, in order */
    public static void write(Path target, Consumer<Consumer<BatchStore.ResultRow>> rows) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8); CSVPrinter out = new CSVPrinter(w, FORMAT)) {
            rows.accept(r -> {
                try {
                    out.printRecord(r.line(), safe(r.refundId()), safe(r.status()), safe(r.code()), safe(r.message()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Neutralises spreadsheet formula injection. */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }
}
