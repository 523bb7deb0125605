import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * JMS-intake load client for bench/run.
 *
 * <pre>java -cp target/refundhub.jar bench/JmsLoad.java BROKER_URL ROWS PREFIX TIMEOUT_SECONDS [COMMIT_EVERY]</pre>
 *
 * Subscribes to topic {@code refunds.events} (selector: final statuses), then sends ROWS canonical refunds
 * (refundId PREFIX + index, spread evenly over trusty / newpay USD / scanforpay JPY) to queue
 * {@code refunds.requests} in transacted batches of COMMIT_EVERY (default 100), and waits until every
 * refund has reached a final status (events are at least once: duplicates are counted once).
 * Handshake with the driver: prints {@code READY}, waits for a line on stdin, runs, prints {@code DONE}
 * right after the last final event (or the timeout), then {@code RESULT {json}}.
 */
public class JmsLoad {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: JmsLoad BROKER_URL ROWS PREFIX TIMEOUT_SECONDS [COMMIT_EVERY]");
            System.exit(2);
        }
        String url = args[0];
        int rows = Integer.parseInt(args[1]);
        String prefix = args[2];
        long timeoutSeconds = Long.parseLong(args[3]);
        int commitEvery = args.length > 4 ? Integer.parseInt(args[4]) : 100;

        AtomicLongArray seen = new AtomicLongArray(rows); // 0 = not yet final, 1 = SUCCEEDED, 2 = other final
        AtomicLong succeeded = new AtomicLong();
        AtomicLong otherFinal = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong foreign = new AtomicLong();
        CountDownLatch allFinal = new CountDownLatch(rows);
        AtomicBoolean listenerError = new AtomicBoolean();

        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url);
             Connection events = cf.createConnection();
             Connection requests = cf.createConnection()) {
            Session es = events.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = es.createConsumer(es.createTopic("refunds.events"),
                    "status IN ('SUCCEEDED', 'FAILED', 'REVIEW')");
            consumer.setMessageListener((Message m) -> {
                try {
                    String id = m.getJMSCorrelationID();
                    if (id == null || !id.startsWith(prefix)) {
                        foreign.incrementAndGet();
                        return;
                    }
                    int i = Integer.parseInt(id.substring(prefix.length()));
                    long kind = "SUCCEEDED".equals(m.getStringProperty("status")) ? 1 : 2;
                    if (i < 0 || i >= rows) {
                        foreign.incrementAndGet();
                    } else if (seen.compareAndSet(i, 0, kind)) {
                        (kind == 1 ? succeeded : otherFinal).incrementAndGet();
                        allFinal.countDown();
                    } else {
                        duplicates.incrementAndGet();
                    }
                } catch (JMSException | RuntimeException e) {
                    listenerError.set(true);
                }
            });
            events.start();

            Session ps = requests.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = ps.createProducer(ps.createQueue("refunds.requests"));

            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();

            long start = System.nanoTime();
            for (int i = 0; i < rows; i++) {
                TextMessage m = ps.createTextMessage(body(prefix, i));
                producer.send(m);
                if ((i + 1) % commitEvery == 0) {
                    ps.commit();
                }
            }
            ps.commit();
            long sent = System.nanoTime() - start;
            boolean complete = allFinal.await(timeoutSeconds, TimeUnit.SECONDS);
            long wall = System.nanoTime() - start;
            System.out.println("DONE");
            System.out.flush();
            System.out.println("RESULT {\"rows\":" + rows
                    + ",\"complete\":" + complete
                    + ",\"wallSeconds\":" + wall / 1e9
                    + ",\"sendSeconds\":" + sent / 1e9
                    + ",\"succeeded\":" + succeeded.get()
                    + ",\"otherFinal\":" + otherFinal.get()
                    + ",\"duplicateEvents\":" + duplicates.get()
                    + ",\"foreignEvents\":" + foreign.get()
                    + ",\"listenerError\":" + listenerError.get() + "}");
            System.out.flush();
        }
    }

    /** The same three-channel spread as the file generator of bench/run. */
    static String body(String prefix, int i) {
        String id = prefix + i;
        switch (i % 3) {
            case 0:
                return "{\"refundId\":\"" + id + "\",\"orderId\":\"ORD-" + id + "\",\"channel\":\"trusty\"}";
            case 1:
                return "{\"refundId\":\"" + id + "\",\"orderId\":\"ORD-" + id
                        + "\",\"channel\":\"newpay\",\"amount\":1250,\"currency\":\"USD\"}";
            default:
                return "{\"refundId\":\"" + id + "\",\"orderId\":\"ORD-" + id
                        + "\",\"channel\":\"scanforpay\",\"amount\":300,\"currency\":\"JPY\"}";
        }
    }
}
