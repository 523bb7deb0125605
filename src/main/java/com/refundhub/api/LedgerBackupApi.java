package com.refundhub.api;

import com.refundhub.ledger.Database;
import com.refundhub.ledger.LedgerBackup;
import com.refundhub.ledger.LedgerDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * {@code POST /admin/backup} (role operate): an online, consistent backup of the embedded ledger, written while the
 * hub works into {@code refundhub.db.backup-dir} as {@code refundhub-YYYYMMDD-HHMMSS.db} (a name chosen here, never
 * by the caller). 200 with the file, its size, the refunds in it and the time taken; 409 {@code NOT_EMBEDDED} on a
 * PostgreSQL ledger, which PostgreSQL's own tools back up.
 */
public class LedgerBackupApi {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'refundhub-'yyyyMMdd-HHmmss'.db'");

    private final LedgerDatabase ledger;
    private final String url;
    private final Path dir;
    private final Clock clock;

    public LedgerBackupApi(LedgerDatabase ledger, String url, Path dir, Clock clock) {
        this.ledger = ledger;
        this.url = url;
        this.dir = dir;
        this.clock = clock;
    }

    public void backup(Exchange exchange) {
        if (Database.embeddedFile(url) == null) {
            throw new ApiProblem(409, "NOT_EMBEDDED", "the ledger is PostgreSQL: back it up with its own tools "
                    + "(pg_dump, pg_basebackup)", null);
        }
        LedgerBackup.Result r = LedgerBackup.write(ledger, dir.resolve(NAME.format(clock.instant().atZone(ZoneOffset.UTC))));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", r.file().toAbsolutePath().toString());
        body.put("bytes", r.bytes());
        body.put("refunds", r.refunds());
        body.put("millis", r.millis());
        HttpApi.json(exchange, 200, body);
    }
}
