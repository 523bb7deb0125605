package load;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * JMS intake load: the refunds as canonical JSON text messages on queue {@code refunds.requests}, in transacted
 * batches of 100. Measured ({@link #run}): subscribed to topic {@code refunds.events} (final statuses) before the
 * first send, done when every refund's final event is back (events are at least once: duplicates counted once).
 */
final class JmsLoad {
    private static final int COMMIT_EVERY = 100;
    private final String url;
    private final String user;
    private final String password;

    JmsLoad(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void run(Refunds refunds, int rows, long timeoutSeconds, Load.Options o) throws Exception {
        AtomicLongArray seen = new AtomicLongArray(rows);   // 0 = not yet final, 1 = SUCCEEDED, 2 = other final
        AtomicLong succeeded = new AtomicLong();
        AtomicLong otherFinal = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong foreign = new AtomicLong();
        CountDownLatch allFinal = new CountDownLatch(rows);
        AtomicBoolean listenerError = new AtomicBoolean();
        try (ActiveMQConnectionFactory cf = factory(); Connection events = cf.createConnection(); Connection requests = cf.createConnection()) {
            Session es = events.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = es.createConsumer(es.createTopic("refunds.events"),
                    "status IN ('SUCCEEDED', 'FAILED', 'REVIEW')");
            consumer.setMessageListener((Message m) -> {
                try {
                    int i = refunds.index(m.getJMSCorrelationID());
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
            o.ready();
            long start = System.nanoTime();
            send(ps, producer, refunds, rows);
            long sent = System.nanoTime() - start;
            boolean complete = allFinal.await(timeoutSeconds, TimeUnit.SECONDS);
            long wall = System.nanoTime() - start;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("rows", rows);
            result.put("complete", complete);
            result.put("wallSeconds", wall / 1e9);
            result.put("sendSeconds", sent / 1e9);
            result.put("succeeded", succeeded.get());
            result.put("otherFinal", otherFinal.get());
            result.put("duplicateEvents", duplicates.get());
            result.put("foreignEvents", foreign.get());
            result.put("listenerError", listenerError.get());
            o.done(new ObjectMapper().writeValueAsString(result));
        }
    }

    /** Sends the refunds and returns: what the cluster demo needs. */
    void send(Refunds refunds, int rows) throws Exception {
        try (ActiveMQConnectionFactory cf = factory(); Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            send(s, s.createProducer(s.createQueue("refunds.requests")), refunds, rows);
        }
    }

    private static void send(Session session, MessageProducer producer, Refunds refunds, int rows) throws JMSException {
        for (int i = 0; i < rows; i++) {
            producer.send(session.createTextMessage(refunds.get(i).json()));
            if ((i + 1) % COMMIT_EVERY == 0) {
                session.commit();
            }
        }
        session.commit();
    }

    private ActiveMQConnectionFactory factory() {
        return user == null ? new ActiveMQConnectionFactory(url) : new ActiveMQConnectionFactory(url, user, password);
    }
}
