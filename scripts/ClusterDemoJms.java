import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends COUNT canonical refund requests to queue refunds.requests, for scripts/cluster-demo (Java source-file mode,
 * with the hub's jar on the class path for the Artemis client):
 * <pre>
 *   java -cp target/refundhub.jar scripts/ClusterDemoJms.java tcp://127.0.0.1:61616 USER PASSWORD PREFIX COUNT
 * </pre>
 * The order ids pick the sandbox's outcome like the demo's other intakes: every tenth PEND- (settled by inquiry),
 * every 25th FAIL- (refused), the rest succeed; channels rotate over trusty, newpay and scanforpay.
 */
public class ClusterDemoJms {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String prefix = args[3];
        int count = Integer.parseInt(args[4]);
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url, user, password);
             Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = s.createProducer(s.createQueue("refunds.requests"));
            for (int i = 0; i < count; i++) {
                producer.send(s.createTextMessage(request(prefix + i, i)));
                if (i % 100 == 99) {
                    s.commit();
                }
            }
            s.commit();
        }
        System.out.println("sent " + count + " refund requests to refunds.requests");
    }

    static String request(String refundId, int i) {
        String order = (i % 10 == 3 ? "PEND-" : i % 25 == 7 ? "FAIL-" : "ORD-") + refundId;
        switch (i % 3) {
            case 0:
                return "{\"refundId\":\"" + refundId + "\",\"orderId\":\"" + order + "\",\"channel\":\"trusty\"}";
            case 1:
                return "{\"refundId\":\"" + refundId + "\",\"orderId\":\"" + order
                        + "\",\"channel\":\"newpay\",\"amount\":1250,\"currency\":\"USD\"}";
            default:
                return "{\"refundId\":\"" + refundId + "\",\"orderId\":\"" + order
                        + "\",\"channel\":\"scanforpay\",\"amount\":300,\"currency\":\"JPY\"}";
        }
    }
}
