package com.refundhub.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.LogCapture;
import com.refundhub.Providers;
import com.refundhub.SampleChannel;
import com.refundhub.core.RefundStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The file drop of SPEC §3 end to end: files in the inbox, result files in the outbox, refunds at the simulators. */
class FileDropTest extends HubTestSupport {

    @Override
    protected void configure(Map<String, String> p) {
        p.put("refundhub.batch.progress-interval", "1s");
        p.put("refundhub.sandbox.latency", "5ms");
        p.put("refundhub.channels.newpay.max-concurrency", "3");
    }

    Path inbox() {
        return dataDir.resolve("inbox");
    }

    Path outbox() {
        return dataDir.resolve("outbox");
    }

    /** Drops a file the way a careful writer does: written aside, then renamed into the inbox. */
    void drop(String name, String content) throws IOException {
        Path tmp = dataDir.resolve(name + ".part");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, inbox().resolve(name));
    }

    List<CSVRecord> awaitResults(String base, String kind) throws IOException {
        Path f = outbox().resolve(base + "." + kind + ".csv");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> Files.exists(f));
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(f))) {
            return parser.getRecords();
        }
    }

    static Map<String, CSVRecord> byLine(List<CSVRecord> rows) {
        Map<String, CSVRecord> m = new HashMap<>();
        rows.forEach(r -> m.put(r.get("line"), r));
        return m;
    }

    /**
     * One refund on every channel, then one still processing (PEND-) on every channel, with reasons that need CSV
     * quoting (a comma, a line break): results once every row is recorded, final once the PEND- rows settle.
     */
    @Test
    void csvAcrossEveryChannelWithResultsThenFinal() throws Exception {
        StringBuilder csv = new StringBuilder("refundId,orderId,channel,amount,currency,reason\n");
        List<String> lines = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        int line = 2;
        int n = 0;
        for (String prefix : new String[] {"ORD-", "PEND-"}) {
            for (SampleChannel channel : Providers.channels()) {
                n++;
                String reason = prefix.equals("PEND-") ? "\"two\nlines\"" : n == 1 ? "\"customer, unhappy\"" : "late";
                csv.append("FD-").append(n).append(',').append(prefix).append("FD").append(n).append(',').append(channel.name())
                        .append(',').append(channel.csvAmount()).append(',').append(reason).append('\n');
                lines.add(String.valueOf(line));
                statuses.add(prefix.equals("PEND-") ? "PENDING" : "SUCCEEDED");
                line += prefix.equals("PEND-") ? 2 : 1;
            }
        }
        drop("refunds-0923.csv", csv.toString());
        List<CSVRecord> results = awaitResults("refunds-0923", "results");
        assertThat(results).extracting(r -> r.get("line")).containsExactlyElementsOf(lines);
        assertThat(results).extracting(r -> r.get("status")).containsExactlyElementsOf(statuses);
        assertThat(Files.exists(inbox().resolve(".done/refunds-0923.csv"))).isTrue();

        List<CSVRecord> finals = awaitResults("refunds-0923", "final");
        assertThat(finals).extracting(r -> r.get("status")).hasSize(n).containsOnly("SUCCEEDED");
        assertThat(ledger().find("FD-" + n, false).orElseThrow().intake()).isEqualTo("FILE");

        JsonNode batch = json(get("/batches/refunds-0923", KEY));
        assertThat(batch.get("status").asText()).isEqualTo("FINAL");
        assertThat(batch.get("counts").get("SUCCEEDED").asInt()).isEqualTo(n);
        assertThat(json(get("/batches", KEY)).get("batches")).isNotEmpty();
    }

    @Test
    void jsonlWithMetadata() throws Exception {
        drop("night.jsonl", "{\"refundId\":\"FJ-1\",\"orderId\":\"ORD-FJ1\",\"channel\":\"scanforpay\",\"amount\":50,"
                + "\"currency\":\"JPY\",\"metadata\":{\"ticket\":\"T-9\"}}\n\n"
                + "{\"refundId\":\"FJ-2\",\"orderId\":\"ORD-FJ2\",\"channel\":\"trusty\"}\r\n");
        List<CSVRecord> results = awaitResults("night", "results");
        assertThat(results).extracting(r -> r.get("line") + ":" + r.get("refundId") + ":" + r.get("status"))
                .containsExactly("1:FJ-1:SUCCEEDED", "3:FJ-2:SUCCEEDED");
        assertThat(ledger().find("FJ-1", false).orElseThrow().metadata().get("ticket").asText()).isEqualTo("T-9");
    }

    @Test
    void aThousandRowsWithEveryKindOfBadRowMixedIn() throws Exception {
        ledger();   // an existing refund to clash with
        refund("FX-CLASH", "ORD-ORIGINAL", "trusty", null);
        StringBuilder csv = new StringBuilder("\uFEFFrefundId,orderId,channel,amount,currency\r\n");
        Map<Integer, String> expectedRejects = new HashMap<>();
        List<SampleChannel> channels = Providers.channels();
        for (int i = 0; i < 1000; i++) {
            int line = i + 2;
            switch (i % 50) {
                case 7 -> {
                    csv.append("FX-").append(i).append(",,trusty,,\r\n");
                    expectedRejects.put(line, "orderId");
                }
                case 13 -> {
                    csv.append("FX-").append(i).append(",ORD-").append(i).append(",newpay,12x,USD\r\n");
                    expectedRejects.put(line, "amount");
                }
                case 19 -> {
                    csv.append("FX-").append(i).append(",ORD-").append(i).append(",paypal,,\r\n");
                    expectedRejects.put(line, "channel");
                }
                case 23 -> {
                    csv.append("FX-CLASH,ORD-DIFFERENT,trusty,,\r\n");
                    expectedRejects.put(line, "refundId");
                }
                case 31 -> {
                    csv.append("FX-").append(i).append(",\"ORD-\"").append(i).append("\",trusty,,\r\n");
                    expectedRejects.put(line, "line");
                }
                case 37 -> {
                    csv.append("FX-").append(i).append(",ORD-").append(i).append(",newpay,100\r\n");
                    expectedRejects.put(line, "line");
                }
                default -> {
                    SampleChannel c = channels.get(i % channels.size());
                    csv.append("FX-").append(i).append(",ORD-FX-").append(i).append(',').append(c.name()).append(',')
                            .append(c.csvAmount()).append("\r\n");
                }
            }
        }
        try (LogCapture log = LogCapture.attach()) {
            drop("thousand.csv", csv.toString());
            List<CSVRecord> results = awaitResults("thousand", "results");
            assertThat(results).hasSize(1000);
            Map<String, CSVRecord> rows = byLine(results);
            for (int line = 2; line <= 1001; line++) {
                CSVRecord r = rows.get(String.valueOf(line));
                if (expectedRejects.containsKey(line)) {
                    assertThat(r.get("status")).as("line " + line).isEqualTo("REJECTED");
                    assertThat(r.get("message")).as("line " + line).contains(expectedRejects.get(line));
                } else {
                    assertThat(r.get("status")).as("line " + line).isEqualTo("SUCCEEDED");
                }
            }
            assertThat(rows.get("25").get("code")).isEqualTo("DUPLICATE_REFUND");
            assertThat(rows.get("21").get("code")).isEqualTo("UNKNOWN_CHANNEL");
            assertThat(ledger().find("FX-CLASH", false).orElseThrow().orderId()).isEqualTo("ORD-ORIGINAL");
            assertThat(log.lines()).anySatisfy(l -> assertThat(l.message()).contains("lines read").contains("rows/s"));
        }
        assertThat(book("newpay").peakInFlight()).as("newpay max-concurrency").isLessThanOrEqualTo(3);
        JsonNode batch = json(get("/batches/thousand.csv", KEY));
        assertThat(batch.get("rowsRead").asInt()).isEqualTo(1000);
        assertThat(batch.get("rowsTotal").asInt()).as("recorded: the rows read").isEqualTo(1000);
        assertThat(batch.get("rowsRejected").asInt()).isEqualTo(expectedRejects.size());
        assertThat(get("/metrics", null).body()).contains("refundhub_batch_rows_read");
    }

    @Test
    void unreadableFilesGoToErrorWithTheirReason() throws Exception {
        Files.write(inbox().resolve("photo.csv"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        Files.write(inbox().resolve("legacy.csv"), "refundId,orderId,channel\nR1,Caf\u00e9,trusty\n".getBytes(StandardCharsets.ISO_8859_1));
        drop("headless.csv", "FE-1,ORD,trusty\n");
        Path err = inbox().resolve(".error");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(err.resolve("photo.error.txt"))
                && Files.exists(err.resolve("legacy.error.txt")) && Files.exists(err.resolve("headless.error.txt")));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(err.resolve("photo.csv")));
        assertThat(Files.readString(err.resolve("photo.error.txt"))).contains("photo.csv").contains("binary");
        assertThat(Files.readString(err.resolve("legacy.error.txt"))).contains("UTF-8");
        assertThat(Files.readString(err.resolve("headless.error.txt"))).contains("header");
        assertThat(ledger().find("FE-1", false)).isEmpty();
        assertThat(Files.exists(outbox().resolve("headless.results.csv"))).isFalse();
        JsonNode headless = json(get("/batches/headless", KEY));
        assertThat(headless.get("status").asText()).isEqualTo("UNREADABLE");
        assertThat(headless.get("rowsTotal").isNull()).as("an unreadable file's rows are not known").isTrue();
    }

    @Test
    void aFileStillBeingWrittenIsReadOnlyOnceComplete() throws Exception {
        Path f = inbox().resolve("chunks.csv");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("FC-" + i + ",ORD-FC-" + i + ",trusty");
        }
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write("refundId,orderId,channel\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < lines.size(); i++) {
                out.write((lines.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (i % 10 == 9) {
                    Thread.sleep(300);   // shorter than the read-lock interval: the file is still changing
                }
            }
        }
        List<CSVRecord> results = awaitResults("chunks", "results");
        assertThat(results).hasSize(40);
        assertThat(results).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("SUCCEEDED"));
    }

    @Test
    void theSameFileDroppedAgainIsNotProcessedAgain() throws Exception {
        String content = "refundId,orderId,channel\nFA-1,ORD-FA-1,trusty\n";
        drop("again.csv", content);
        awaitResults("again", "results");
        Path done = inbox().resolve(".done/again.csv");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(done));
        // the same bytes with the same time stamp, back in the inbox
        Files.copy(done, inbox().resolve("again.csv"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        Thread.sleep(3000);
        assertThat(Files.exists(inbox().resolve("again.csv"))).as("left alone").isTrue();
        assertThat(book("trusty").find("FA-1").refundCalls).isEqualTo(1);
    }

    @Test
    void resultCellsCannotRunAsSpreadsheetFormulas() throws Exception {
        drop("inject.jsonl", "{\"refundId\":\"=2+3\",\"orderId\":\"O\",\"channel\":\"trusty\"}\n"
                + "{\"refundId\":\"-FI-3\",\"orderId\":\"=cmd|'/C.calc'!A0\",\"channel\":\"trusty\"}\n"
                + "{\"@SUM(A1)\":1,\"refundId\":\"FI-4\",\"orderId\":\"O\",\"channel\":\"trusty\"}\n");
        List<CSVRecord> results = awaitResults("inject", "results");
        assertThat(results.get(0).get("refundId")).isEqualTo("'=2+3");
        assertThat(results.get(1).get("refundId")).isEqualTo("'-FI-3");
        assertThat(results.get(1).get("status")).isEqualTo("SUCCEEDED");
        assertThat(results.get(2).get("message")).startsWith("'@SUM(A1)");
        for (CSVRecord r : results) {
            for (String cell : r) {
                assertThat(cell).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
            }
        }
        assertThat(awaitStatus("-FI-3", RefundStatus.SUCCEEDED, Duration.ofSeconds(5)).orderId()).startsWith("=cmd");
    }
}
