import com.refundhub.config.ChannelConfig;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.NativeCrypto;
import com.refundhub.provider.Operation;
import com.refundhub.provider.OrderRefunds;
import com.refundhub.provider.ProviderTypes;
import com.refundhub.provider.ProviderWire;
import com.refundhub.provider.WireInputs;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What the descriptor engine costs per refund (bench/README.md, "Mapping cost"), for each built-in provider: the field
 * mapping alone (build: the canonical refund through the descriptor's fields, amounts and generated values), the
 * signing (sign: the recipe and writing the body), and reading a signed answer (read: parse, verify, outcome table),
 * each timed in a plain loop after a warm-up, as CPU µs of the timing thread per call.
 *
 * <pre>java -cp target/refundhub.jar bench/MappingCost.java [SECONDS_PER_CASE]</pre>
 */
public class MappingCost {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        System.out.printf("%s; load average %.2f; %.0f s per case after as long a warm-up%n", NativeCrypto.select(true),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), seconds);
        System.out.printf("%-12s %14s %14s %14s%n", "provider", "build µs", "sign µs", "read µs");
        for (Descriptor d : ProviderTypes.load(null).all()) {
            ChannelConfig channel = channel(d);
            String currency = new TreeSet<>(d.rules().currencies()).first();
            RefundRecord r = record(d.rules().amountRequired() ? 1250L * (currency.equals("JPY") ? 1 : 1) : null, currency);
            if (d.amountProblem(1250, currency).isPresent()) {
                r = record(5_000_000L, currency);
            }
            RefundRecord refund = r;
            double build = time(seconds, () -> ProviderWire.build(d, Operation.REFUND, refund, channel,
                    channel.getRefundPath(), WireInputs.SYSTEM));
            ProviderWire.Draft draft = ProviderWire.build(d, Operation.REFUND, refund, channel, channel.getRefundPath(),
                    WireInputs.SYSTEM);
            double sign = time(seconds, () -> ProviderWire.sign(draft, () -> ProviderWire.signingKeys(
                    d.refund().request().signature(), draft.scope())));
            String answer = sandboxAnswer(d, refund);
            double read = answer == null ? Double.NaN : time(seconds, () -> ProviderWire.read(d, Operation.REFUND, answer,
                    refund, ProviderWire.scope(d, refund, channel::setting, WireInputs.SYSTEM), () -> OrderRefunds.NONE));
            System.out.printf("%-12s %14.1f %14.1f %14.1f%n", d.name(), build, sign, read);
        }
    }

    /** The sandbox's success answer to the refund, signed as the provider signs. */
    private static String sandboxAnswer(Descriptor d, RefundRecord r) {
        var types = ProviderTypes.load(null);
        var settings = new com.refundhub.config.SandboxSettings(true, "127.0.0.1", 0, Duration.ZERO, Duration.ofSeconds(1),
                100_000_000L, Map.of(d.name(), new com.refundhub.config.SettingValues() {
                    @Override
                    public <T> T get(com.refundhub.config.Setting<T> s) {
                        return s.defaultValue();
                    }
                }));
        var sim = new com.refundhub.sandbox.Sandbox(settings, List.of(types.get(d.name()))).simulator(d.name());
        ChannelConfig c = channel(d);
        ProviderWire.Draft draft = ProviderWire.build(d, Operation.REFUND, r, c, c.getRefundPath(), WireInputs.SYSTEM);
        ProviderWire.WireRequest w = ProviderWire.sign(draft, () -> ProviderWire.signingKeys(
                d.refund().request().signature(), draft.scope()));
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            w.headers().forEach((k, v) -> headers.put(k.toLowerCase(), v));
            var reply = sim.handle(w.method(), w.path(), headers, w.body());
            return reply.status() == 200 ? reply.body() : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static ChannelConfig channel(Descriptor d) {
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Descriptor.SettingSpec s : d.settings()) {
            String v = d.sandbox().channel().get(s.name());
            if (v == null) {
                v = d.sandbox().account().stream().filter(a -> a.name().equals(s.name()))
                        .map(Descriptor.SettingSpec::defaultText).findFirst().orElse(s.defaultText());
            }
            if (v != null) {
                settings.put(s.name(), s.setting().type().parse(v));
            }
        }
        return new ChannelConfig(d.name(), d.name(), "http://127.0.0.1:1/" + d.name(), d.defaultRefundPath(),
                d.defaultInquiryPath(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, List.of(Duration.ofSeconds(1)),
                d.rules().currencies(), settings);
    }

    private static RefundRecord record(Long amount, String currency) {
        OffsetDateTime now = OffsetDateTime.now();
        return new RefundRecord("F-1", "ORD-F-1", "x", amount, amount == null ? null : currency, null, "late delivery",
                null, null, null, RefundStatus.SUBMITTED, null, null, null, null, null, 1, 0, false, "BENCH", now, now,
                List.of());
    }

    /** Mean CPU µs per call over {@code seconds}, after a warm-up of as long. */
    private static double time(double seconds, Supplier<Object> call) {
        loop(call, seconds, new long[1]);
        long[] calls = new long[1];
        long cpu0 = CPU.getCurrentThreadCpuTime();
        loop(call, seconds, calls);
        return (CPU.getCurrentThreadCpuTime() - cpu0) / 1e3 / calls[0];
    }

    private static Object loop(Supplier<Object> call, double seconds, long[] calls) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Object sink = null;
        do {
            for (int i = 0; i < 50; i++) {
                sink = call.get();
            }
            calls[0] += 50;
        } while (System.nanoTime() < end);
        return sink;
    }
}
