package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;

/** Configuration and data the process-level tests share. */
final class ItFixtures {
    private ItFixtures() {
    }

    static String hubConfig(int httpPort, int sandboxPort) {
        return String.join("\n",
                "refundhub.http.port=" + httpPort,
                "refundhub.http.api-keys=it-key",
                "refundhub.sandbox.enabled=false",
                "refundhub.sandbox.port=" + sandboxPort,
                "refundhub.db.url=jdbc:h2:file:./data/ledger",
                "refundhub.inquiry.cron=* * * * * ?",
                "refundhub.recovery.interval=1s",
                "refundhub.batch.final-check-interval=1s",
                "refundhub.batch.read-lock-interval=500",
                "refundhub.channels.trusty.max-concurrency=4",
                "refundhub.channels.newpay.max-concurrency=4",
                "refundhub.channels.scanforpay.max-concurrency=4",
                "refundhub.channels.trusty.inquiry-backoff=1s",
                "refundhub.channels.newpay.inquiry-backoff=1s",
                "refundhub.channels.scanforpay.inquiry-backoff=1s",
                "") + "\n";
    }

    static String batch(int rows) {
        StringBuilder csv = new StringBuilder("refundId,orderId,channel,amount,currency\n");
        for (int i = 0; i < rows; i++) {
            switch (i % 3) {
                case 0 -> csv.append("BR-").append(i).append(",ORD-BR-").append(i).append(",trusty,,\n");
                case 1 -> csv.append("BR-").append(i).append(",ORD-BR-").append(i).append(",newpay,100,USD\n");
                default -> csv.append("BR-").append(i).append(",ORD-BR-").append(i).append(",scanforpay,100,JPY\n");
            }
        }
        return csv.toString();
    }

    /** For a failure report: the hub's record of any refund number a simulator was asked for twice. */
    static void printLedgerOfRepeatedNumbers(SandboxProcess sandbox, int httpPort) throws Exception {
        for (JsonNode sim : sandbox.summary()) {
            for (JsonNode id : sim.get("examplesCalledMoreThanOnce")) {
                System.out.println("sent twice " + id.asText() + ": " + java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort
                                + "/refunds/" + id.asText())).header("Authorization", "Bearer it-key").build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            }
        }
    }

}
