package load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one generator of the benchmark's and the cluster demo's refunds: refund {@code i} of a run is the same whichever
 * way it goes in (file row, HTTP request, JMS message) or whoever sends it (the hub, the ceiling client).
 * Round robin over the three sandbox channels: {@code trusty} (full refund, no amount), {@code newpay} 1250 USD,
 * {@code scanforpay} 300 JPY; refundId PREFIX + i, orderId ORD-refundId. The demo mix lets the sandbox settle some
 * differently: every tenth (i % 10 == 3) PEND- (processing, settled by inquiry), every 25th (i % 25 == 7) FAIL-.
 */
public final class Refunds {
    public static final String CSV_HEADER = "refundId,orderId,channel,amount,currency";

    public enum Mix {
        /** every refund succeeds: the benchmark */
        SUCCESS,
        /** some pending, some refused: the cluster demo */
        DEMO
    }

    /** One canonical request (SPEC §1); {@code amount} and {@code currency} are null for trusty. */
    public record Refund(String refundId, String orderId, String channel, Long amount, String currency) {
        public String json() {
            return "{\"refundId\":\"" + refundId + "\",\"orderId\":\"" + orderId + "\",\"channel\":\"" + channel + "\""
                    + (amount == null ? "" : ",\"amount\":" + amount + ",\"currency\":\"" + currency + "\"") + "}";
        }

        public String csv() {
            return refundId + "," + orderId + "," + channel + "," + (amount == null ? "" : amount) + ","
                    + (currency == null ? "" : currency);
        }
    }

    private final String prefix;
    private final Mix mix;

    public Refunds(String prefix, Mix mix) {
        this.prefix = prefix;
        this.mix = mix;
    }

    /** The {@code i} of one of this run's refundIds; -1 for another's. */
    public int index(String refundId) {
        if (refundId == null || !refundId.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(refundId.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public Refund get(int i) {
        String id = prefix + i;
        String order = (mix == Mix.DEMO && i % 10 == 3 ? "PEND-" : mix == Mix.DEMO && i % 25 == 7 ? "FAIL-" : "ORD-") + id;
        switch (i % 3) {
            case 0:
                return new Refund(id, order, "trusty", null, null);
            case 1:
                return new Refund(id, order, "newpay", 1250L, "USD");
            default:
                return new Refund(id, order, "scanforpay", 300L, "JPY");
        }
    }

    /** Refunds 0 .. rows-1 as a CSV file for the file drop, streamed (a million rows in about a second). */
    public void writeCsv(Path file, int rows) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(CSV_HEADER);
            w.write('\n');
            for (int i = 0; i < rows; i++) {
                w.write(get(i).csv());
                w.write('\n');
            }
        }
    }
}
