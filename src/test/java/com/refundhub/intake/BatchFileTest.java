package com.refundhub.intake;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading batch files: RFC 4180 quoting, BOM, CRLF, blank lines, line numbers, and what makes a file unreadable. */
class BatchFileTest {
    @TempDir
    Path dir;

    List<BatchRow> read(String name, byte[] content) throws Exception {
        Path f = Files.write(dir.resolve(name), content);
        BatchFile.checkReadable(f);
        List<BatchRow> rows = new ArrayList<>();
        try (BatchFile b = BatchFile.open(f)) {
            b.forEachRemaining(rows::add);
        }
        return rows;
    }

    List<BatchRow> read(String name, String content) throws Exception {
        return read(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void csvWithBomCrlfBlankLinesAndQuotedFields() throws Exception {
        String csv = "\uFEFFrefundId,orderId,channel,amount,currency,reason\r\n"
                + "R1,O1,newpay,100,USD,\"damaged, returned\"\r\n"
                + "\r\n"
                + "R2,\"O\"\"2\",newpay,200,USD,\"two\r\nlines\"\r\n"
                + "  R3 , O3 ,trusty,,,\r\n";
        List<BatchRow> rows = read("a.csv", csv);
        assertThat(rows).extracting(BatchRow::line).containsExactly(2L, 4L, 6L);
        assertThat(rows.get(0).request().reason()).isEqualTo("damaged, returned");
        assertThat(rows.get(0).request().amount()).isEqualTo(100L);
        assertThat(rows.get(1).request().orderId()).isEqualTo("O\"2");
        assertThat(rows.get(1).request().reason()).isEqualTo("two\nlines");
        assertThat(rows.get(2).request().refundId()).isEqualTo("R3");
        assertThat(rows.get(2).request().amount()).isNull();
    }

    @Test
    void theCheckCountsTheRowsAFileHoldsAsItsNonBlankLines() throws Exception {
        Path csv = Files.writeString(dir.resolve("c.csv"), "\uFEFFrefundId,orderId,channel\r\nR1,O1,trusty\r\n\r\n  \n"
                + "R2,O2,trusty\nR3,O3,trusty");
        assertThat(BatchFile.checkReadable(csv)).as("the header is not a row; blank lines and no last line break").isEqualTo(3);
        Path jsonl = Files.writeString(dir.resolve("j.jsonl"), "{\"refundId\":\"R1\"}\n\n{\"refundId\":\"R2\"}\n");
        assertThat(BatchFile.checkReadable(jsonl)).isEqualTo(2);
        Path quoted = Files.writeString(dir.resolve("q.csv"), "refundId,orderId,channel,reason\nR1,O1,trusty,\"two\nlines\"\n");
        assertThat(BatchFile.checkReadable(quoted)).as("a field across lines counts each of its lines").isEqualTo(2);
        List<BatchRow> rows = read("q.csv", Files.readString(quoted));
        assertThat(rows).hasSize(1);
    }

    @Test
    void aBadRecordIsOneRejectedLineAndTheRestGoesOn() throws Exception {
        String csv = "refundId,orderId,channel,amount,currency\n"
                + "R1,O1,newpay,100,USD\n"
                + "R2,O2,newpay\n"                       // too few values
                + "R3,O3,newpay,abc,USD\n"               // amount not an integer
                + "R4,O\"4,newpay,100,USD\n"             // a quote inside an unquoted field
                + "R5,O5,newpay,100,USD,extra\n"         // too many values
                + "R6,O6,newpay,100,USD\n";
        List<BatchRow> rows = read("b.csv", csv);
        assertThat(rows).extracting(BatchRow::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(rows.get(0).request()).isNotNull();
        assertThat(rows.get(1).refusal().errors().get(0).message()).contains("has 3 values");
        assertThat(rows.get(2).refusal().errors().get(0).field()).isEqualTo("amount");
        assertThat(rows.get(3).refusal()).isNotNull();
        assertThat(rows.get(4).refusal().errors().get(0).message()).contains("has 6 values");
        assertThat(rows.get(5).request().refundId()).isEqualTo("R6");
        assertThat(rows.get(1).namedRefundId()).isEqualTo("R2");
    }

    @Test
    void anUnclosedQuoteCostsOnlyItsOwnLines() throws Exception {
        StringBuilder csv = new StringBuilder("refundId,orderId,channel\nR1,\"O1,trusty\n");
        for (int i = 0; i < 150; i++) {
            csv.append("R").append(i + 10).append(",O,trusty\n");
        }
        List<BatchRow> rows = read("c.csv", csv.toString());
        assertThat(rows.get(0).refusal().errors().get(0).message()).contains("never closed");
        assertThat(rows.stream().filter(r -> r.request() != null).count()).isGreaterThan(40);
    }

    @Test
    void jsonlWithBadLines() throws Exception {
        String jsonl = "{\"refundId\":\"J1\",\"orderId\":\"O1\",\"channel\":\"trusty\",\"metadata\":{\"k\":1}}\n"
                + "\n"
                + "this is not json\n"
                + "{\"refundId\":\"J2\",\"orderId\":\"O2\",\"channel\":\"trusty\"\n"
                + "[1,2]\n"
                + "{\"refundId\":\"J3\",\"orderId\":\"O3\",\"channel\":\"trusty\",\"amount\":\"10\"}\n";
        List<BatchRow> rows = read("a.jsonl", jsonl);
        assertThat(rows).extracting(BatchRow::line).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(rows.get(0).request().metadata().get("k").asInt()).isEqualTo(1);
        assertThat(rows.get(1).refusal().errors().get(0).field()).isEqualTo("line");
        assertThat(rows.get(2).refusal()).isNotNull();
        assertThat(rows.get(3).refusal().errors().get(0).field()).isEqualTo("body");
        assertThat(rows.get(4).refusal().errors().get(0).field()).isEqualTo("amount");
        assertThat(rows.get(4).namedRefundId()).isEqualTo("J3");
    }

    @Test
    void unreadableFiles() throws Exception {
        assertThatThrownBy(() -> read("bin.csv", new byte[] {'r', 'e', 0, 1, 2, 3}))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("binary");
        assertThatThrownBy(() -> read("latin1.csv", "refundId,orderId,channel\nR1,Ordre \u00e9,trusty\n".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> read("empty.jsonl", "\n\n  \n"))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("noheader.csv", "R1,O1,trusty\nR2,O2,trusty\n"))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> read("badheader.csv", "refundId,orderId,channel,colour\nR1,O1,trusty,red\n"))
                .isInstanceOf(UnreadableFileException.class).hasMessageContaining("colour");
    }

    @Test
    void resultCellsCannotRunAsFormulas() {
        assertThat(ResultsCsv.safe("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(ResultsCsv.safe("+1")).isEqualTo("'+1");
        assertThat(ResultsCsv.safe("-2")).isEqualTo("'-2");
        assertThat(ResultsCsv.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ResultsCsv.safe("R-1")).isEqualTo("R-1");
    }
}
