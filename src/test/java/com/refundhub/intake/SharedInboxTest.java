package com.refundhub.intake;

import com.refundhub.HubTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances watch one inbox (docs/cluster.md): what one instance leaves in the inbox when it is
 * killed must not keep the others from a file. Claims live in the database; nothing is locked in the folder.
 */
class SharedInboxTest extends HubTestSupport {

    @Test
    void aMarkerLockFileLeftByAKilledInstanceDoesNotBlockTheFile() throws Exception {
        Path inbox = dataDir.resolve("inbox");
        // past the consumer's first poll, which would clear lock files it takes for its own orphans
        drop(inbox, "first", "SI-0");
        awaitResults("first", "SI-0");
        // what Camel's marker-file read lock of an instance killed while reading shared.csv would have left
        Files.writeString(inbox.resolve("shared.csv.camelLock"), "");
        drop(inbox, "shared", "SI-1");
        awaitResults("shared", "SI-1");
        // moved once the exchange that wrote its results completes, a moment after
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(inbox.resolve(".done/shared.csv")).exists());
    }

    private void drop(Path inbox, String name, String refundId) throws Exception {
        Path tmp = dataDir.resolve(name + ".part");
        Files.writeString(tmp, "refundId,orderId,channel\n" + refundId + ",ORD-" + refundId + ",trusty\n", StandardCharsets.UTF_8);
        Files.move(tmp, inbox.resolve(name + ".csv"));
    }

    private void awaitResults(String name, String refundId) throws Exception {
        Path results = dataDir.resolve("outbox/" + name + ".results.csv");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> Files.exists(results));
        assertThat(Files.readString(results)).contains(refundId + ",SUCCEEDED");
    }
}
