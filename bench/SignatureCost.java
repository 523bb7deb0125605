import com.refundhub.provider.NativeCrypto;
import com.refundhub.provider.PemKeys;
import com.refundhub.provider.signing.Keys;
import com.refundhub.provider.signing.SigningRecipe;
import com.refundhub.provider.signing.StringToSign;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What one signature costs with each provider the hub may sign with (bench/README.md, "Signature cost"): the hub's
 * signing recipes as the built-in descriptors use them (rsa: SHA256withRSA-2048 sign and verify over sorted fields;
 * sorted-fields: MD5 with a key tail; text-digest: SHA-256 of a text and a key) timed in a plain loop
 * after a warm-up, once with the JDK's providers and once with Amazon Corretto Crypto Provider ({@link NativeCrypto}).
 *
 * <pre>java -cp target/refundhub.jar bench/SignatureCost.java [SECONDS_PER_CASE]</pre>
 *
 * A timing loop, not a test. It reports the CPU time of the timing thread per call (what a signature costs the
 * hub, little affected by other processes on the machine) and the wall time per call (which is, on a busy machine);
 * the load average is printed with them.
 */
public class SignatureCost {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final String PRIVATE = "classpath:config/sandbox-keys/newpay-merchant-private.pem";
    private static final String PUBLIC = "classpath:config/sandbox-keys/newpay-merchant-public.pem";

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("appId", "3514d69403bc4ce1a8fafb6415a31018");
        fields.put("merchantId", "876266cdc7154dd08a022fd1f2eace55");
        fields.put("timestamp", 1662528718641L);
        fields.put("orderNo", "ORD-F-1");
        fields.put("refundOrderNo", "F-1");
        fields.put("refundOrderAmt", "12.50");
        fields.put("refundDesc", "");
        System.out.printf("load average %.2f; %.0f s per case after as long a warm-up%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), seconds);
        System.out.printf("%-28s %-36s %14s %14s%n", "operation", "provider", "CPU µs/call", "wall µs/call");
        Map<String, Double> rsaSign = new LinkedHashMap<>();
        SigningRecipe rsa = SigningRecipe.named("rsa").orElseThrow();
        SigningRecipe sorted = SigningRecipe.named("sorted-fields").orElseThrow();
        SigningRecipe text = SigningRecipe.named("text-digest").orElseThrow();
        for (boolean nativeProvider : new boolean[] {false, true}) {
            String provider = NativeCrypto.select(nativeProvider);
            Keys keys = new Keys("SHA256WITHRSA", null, false, PemKeys.privateKey(PRIVATE), PemKeys.publicKey(PUBLIC));
            String signature = rsa.sign(StringToSign.sortedFields(fields, List.of("sign"), false, null), keys);
            double sign = time("rsa sign (RSA-2048)", provider, seconds,
                    () -> rsa.sign(StringToSign.sortedFields(fields, List.of("sign"), false, null), keys));
            rsaSign.put(provider, sign);
            time("rsa verify (RSA-2048)", provider, seconds,
                    () -> rsa.verify(StringToSign.sortedFields(fields, List.of("sign"), false, null), signature, keys));
            Keys md5 = new Keys("MD5", "sandbox-trusty-192006250b4c0924", true, null, null);
            time("sorted-fields sign (MD5)", provider, seconds, () -> sorted.sign(StringToSign.sortedFields(fields,
                    List.of("sign"), true, "&key=sandbox-trusty-192006250b4c0924"), md5));
            Keys sha = new Keys("SHA256", null, false, null, null);
            time("text-digest sign (SHA-256)", provider, seconds,
                    () -> text.sign(StringToSign.exactText("{\"header\":{},\"body\":{\"refundNo\":\"F-1\"}}", "k"), sha));
        }
        double[] v = rsaSign.values().stream().mapToDouble(Double::doubleValue).toArray();
        System.out.printf("RSA-2048 signature, CPU: %.0f -> %.0f µs (%.1fx)%n", v[0], v[1], v[0] / v[1]);
    }

    /** Mean CPU µs per call over {@code seconds}, after a warm-up of as long; prints it with the wall µs. */
    private static double time(String what, String provider, double seconds, Supplier<Object> call) {
        run(call, seconds);
        long[] calls = new long[1];
        long cpu0 = CPU.getCurrentThreadCpuTime();
        long nanos = run(call, seconds, calls);
        double cpuMicros = (CPU.getCurrentThreadCpuTime() - cpu0) / 1e3 / calls[0];
        System.out.printf("%-28s %-36s %14.1f %14.1f%n", what, provider, cpuMicros, nanos / 1e3 / calls[0]);
        return cpuMicros;
    }

    private static void run(Supplier<Object> call, double seconds) {
        run(call, seconds, new long[1]);
    }

    private static long run(Supplier<Object> call, double seconds, long[] calls) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        Object sink = null;
        long n = 0;
        long now;
        do {
            for (int i = 0; i < 20; i++) {
                sink = call.get();
            }
            n += 20;
            now = System.nanoTime();
        } while (now < end);
        calls[0] = n;
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return now - start;
    }
}
