package load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's and the cluster demo's load tool: one generator of refunds ({@link Refunds}) for every way they
 * go in. Compiled against the hub's jar (bench/README.md, "The load tool"):
 * <pre>
 *   javac -d OUT -cp target/refundhub.jar bench/load/*.java
 *   java -cp OUT:target/refundhub.jar load.Load MODE --rows N --prefix P [options]
 * </pre>
 * Modes:
 * <ul>
 *   <li>{@code csv FILE}: the refunds as a CSV file for the file drop;</li>
 *   <li>{@code http URL[,URL...] --key K --in-flight K}: POST /refunds, a fixed number in flight ({@link HttpLoad});</li>
 *   <li>{@code jms BROKER_URL --timeout S}: to queue refunds.requests, until every final event is back ({@link JmsLoad});</li>
 *   <li>{@code jms-send BROKER_URL [--user U --password P]}: to queue refunds.requests, nothing awaited;</li>
 *   <li>{@code ceiling CONFIG_FILE}: the same refunds straight to the providers of the hub configuration CONFIG_FILE,
 *       built, signed and checked by the hub's own provider beans, nothing recorded ({@link CeilingLoad}).</li>
 * </ul>
 * {@code --mix demo} gives the cluster demo's mix of outcomes. With {@code --wait} a measuring mode prints
 * {@code READY} once connected and set up, waits for a line on stdin, runs, prints {@code DONE} at once when the last
 * refund is through, then one line {@code RESULT {json}}: so bench/run measures neither JVM start nor connections.
 */
public final class Load {
    private Load() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: load.Load csv|http|jms|jms-send|ceiling|events TARGET --rows N --prefix P [options]");
            System.exit(2);
        }
        Options o = Options.parse(args);
        Refunds refunds = new Refunds(o.text("prefix", "R-"), Refunds.Mix.valueOf(o.text("mix", "success").toUpperCase()));
        int rows = o.integer("rows", 1000);
        switch (args[0]) {
            case "csv" -> {
                refunds.writeCsv(Path.of(o.target), rows);
                System.out.println("wrote " + rows + " refunds to " + o.target);
            }
            case "http" -> {
                if (!new HttpLoad(List.of(o.target.split(",")), o.text("key", null), o.integer("in-flight", 16))
                        .run(refunds, rows, o)) {
                    System.exit(1);   // some refund was not taken: the cluster demo stops on it
                }
            }
            case "jms" -> new JmsLoad(o.target, o.text("user", null), o.text("password", null))
                    .run(refunds, rows, o.integer("timeout", 900), o);
            case "jms-send" -> {
                new JmsLoad(o.target, o.text("user", null), o.text("password", null)).send(refunds, rows);
                System.out.println("sent " + rows + " refund requests to refunds.requests");
            }
            case "ceiling" -> new CeilingLoad(Path.of(o.target)).run(refunds, rows, o);
            case "events" -> new EventLag(o.target).run(rows, o);
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    /** {@code MODE TARGET --name value ...} and the {@code --wait} flag. */
    static final class Options {
        final String target;
        final boolean wait;
        private final Map<String, String> values;

        private Options(String target, boolean wait, Map<String, String> values) {
            this.target = target;
            this.wait = wait;
            this.values = values;
        }

        static Options parse(String[] args) {
            Map<String, String> values = new HashMap<>();
            boolean wait = false;
            for (int i = 2; i < args.length; i++) {
                if (args[i].equals("--wait")) {
                    wait = true;
                } else if (args[i].startsWith("--") && i + 1 < args.length) {
                    values.put(args[i].substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("unexpected argument " + args[i]);
                }
            }
            return new Options(args[1], wait, values);
        }

        String text(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        int integer(String name, int fallback) {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
        }

        /** With {@code --wait}: says READY and waits for the driver's go (a line on stdin). */
        void ready() throws Exception {
            if (wait) {
                System.out.println("READY");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
        }

        /** The last refund is through: the driver stops its clock now. */
        void done(String json) {
            System.out.println("DONE");
            System.out.println("RESULT " + json);
            System.out.flush();
        }
    }
}
