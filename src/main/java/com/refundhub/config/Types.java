package com.refundhub.config;

import com.refundhub.core.Durations;
import com.refundhub.core.Money;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.quartz.CronExpression;

/** The value types of the hub's settings. Text reaching a parser is trimmed and not empty. */
public final class Types {
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)(password=)[^;&]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^@/]*@");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+");

    public static final ValueType<String> TEXT = ValueType.of("text", "any text", t -> t);

    /** {@code true} or {@code false} (any case); nothing else, so {@code yes} is refused rather than read as false. */
    public static final ValueType<Boolean> FLAG = ValueType.of("boolean", "true or false", t -> {
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new IllegalArgumentException("not true or false");
    });

    public static final ValueType<Integer> PORT = integer(1, 65535).renamed("port");

    public static final ValueType<Path> PATH = ValueType.of("path", "a file system path", t -> {
        try {
            return Path.of(t);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a path: " + e.getReason());
        }
    });

    /** Comma-separated, blanks dropped; at least one entry. */
    public static final ValueType<List<String>> LIST = ValueType.<List<String>>of("list", "comma-separated values",
            t -> {
                List<String> items = Arrays.stream(t.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                if (items.isEmpty()) {
                    throw new IllegalArgumentException("no value in the list");
                }
                return items;
            }).withCamelText(l -> String.join(",", l));

    public static final ValueType<Set<String>> CURRENCIES = ValueType.<Set<String>>of("currencies",
            "comma-separated ISO 4217 codes with a known exponent (" + String.join(", ", Money.knownCurrencies()) + ")",
            t -> {
                Set<String> codes = new LinkedHashSet<>(LIST.parse(t));
                for (String c : codes) {
                    if (!Money.isKnownCurrency(c)) {
                        throw new IllegalArgumentException("currency " + c + " has no known exponent");
                    }
                }
                return Set.copyOf(codes);
            }).withCamelText(s -> String.join(",", new java.util.TreeSet<>(s)));

    public static final ValueType<String> CURRENCY = ValueType.of("currency",
            "an ISO 4217 code with a known exponent (" + String.join(", ", Money.knownCurrencies()) + ")", t -> {
                if (!Money.isKnownCurrency(t)) {
                    throw new IllegalArgumentException("currency " + t + " has no known exponent");
                }
                return t;
            });

    /** A Quartz cron expression (seconds first). */
    public static final ValueType<String> CRON = ValueType.of("cron", "a Quartz cron expression, e.g. 0/10 * * * * ?",
            t -> {
                try {
                    CronExpression.validateExpression(t);
                    return t;
                } catch (java.text.ParseException e) {
                    throw new IllegalArgumentException("not a cron expression (" + e.getMessage() + ")");
                }
            });

    /** An absolute http or https URL. */
    public static final ValueType<String> HTTP_URL = ValueType.of("URL", "an absolute http:// or https:// URL",
            t -> {
                try {
                    URI uri = new URI(t);
                    if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
                        throw new IllegalArgumentException("not an http:// or https:// URL with a host");
                    }
                    return t;
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
                }
            });

    /** A share from 0 to 1, e.g. {@code 0.25}. */
    public static final ValueType<Double> RATIO = ValueType.of("ratio", "a number from 0 to 1, e.g. 0.25", t -> {
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException("out of range");
        }
        return v;
    });

    /** A connection URL (JDBC, broker) that may carry a password: printed without it. */
    public static ValueType<String> connectionUrl(String scheme, String example) {
        return ValueType.of("URL", "a " + scheme + " URL, e.g. " + example, t -> {
            if (!t.startsWith(scheme)) {
                throw new IllegalArgumentException("does not start with " + scheme);
            }
            return t;
        }).withPrintable(Types::withoutPasswords);
    }

    /** A broker URL: {@code tcp://host:port?options}, Artemis' syntax. */
    public static final ValueType<String> BROKER_URL = ValueType.of("URL",
            "a broker URL, e.g. tcp://127.0.0.1:61616 (Artemis syntax, options after ?)", t -> {
                if (!t.matches("\\(?[A-Za-z][A-Za-z0-9+.-]*://.+")) {
                    throw new IllegalArgumentException("not a broker URL");
                }
                return t;
            }).withPrintable(Types::withoutPasswords);

    private Types() {
    }

    public static ValueType<Integer> integer(int min, int max) {
        return ValueType.of("integer", "an integer from " + min + " to " + max, t -> {
            long v = parseLong(t, "an integer");
            if (v < min || v > max) {
                throw new IllegalArgumentException("out of range");
            }
            return (int) v;
        });
    }

    public static ValueType<Long> longInteger(long min, long max) {
        return ValueType.of("integer", "an integer from " + min + " to " + max, t -> {
            long v = parseLong(t, "an integer");
            if (v < min || v > max) {
                throw new IllegalArgumentException("out of range");
            }
            return v;
        });
    }

    /**
     * A duration with its unit ({@code 500ms}, {@code 10s}, {@code 1m}, {@code 2h}, {@code 1d}), at least {@code min};
     * it reaches Camel as milliseconds.
     */
    public static ValueType<Duration> duration(Duration min) {
        return durationType(min, false);
    }

    /** As {@link #duration}, and a bare number is milliseconds (keys that Camel options took as milliseconds). */
    public static ValueType<Duration> millis(Duration min) {
        return durationType(min, true);
    }

    /** Comma-separated durations, each at least {@code min}. */
    public static ValueType<List<Duration>> durations(Duration min) {
        ValueType<Duration> one = duration(min);
        return ValueType.<List<Duration>>of("durations", "comma-separated durations, each " + one.allowed(),
                t -> LIST.parse(t).stream().map(one::parse).toList())
                .withCamelText(l -> l.stream().map(d -> String.valueOf(d.toMillis())).collect(Collectors.joining(",")));
    }

    /** One of {@code values}, in any case; the value is the spelling given here. */
    public static ValueType<String> choice(List<String> values) {
        return ValueType.of("choice", String.join(" | ", values), t -> {
            for (String v : values) {
                if (v.equalsIgnoreCase(t)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("not a known choice");
        });
    }

    /** One of an enum's constants, in any case. */
    public static <E extends Enum<E>> ValueType<E> oneOf(Class<E> values) {
        E[] constants = values.getEnumConstants();
        String names = Arrays.stream(constants).map(Enum::name).collect(Collectors.joining(" | "));
        return ValueType.of("choice", names, t -> {
            for (E e : constants) {
                if (e.name().equalsIgnoreCase(t)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("not a known choice");
        }).withCamelText(Enum::name);
    }

    private static ValueType<Duration> durationType(Duration min, boolean bareMillis) {
        String allowed = (min.isZero() ? "a duration" : "a duration of at least " + print(min)) + " (500ms, 10s, 1m, 2h, 1d"
                + (bareMillis ? "; a bare number is milliseconds)" : ")");
        return ValueType.of("duration", allowed, t -> {
            if (t.startsWith("-")) {
                throw new IllegalArgumentException("negative");
            }
            Duration d;
            if (bareMillis && BARE_NUMBER.matcher(t).matches()) {
                d = Duration.ofMillis(parseLong(t, "a duration"));
            } else {
                try {
                    d = Durations.parse(t);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw new IllegalArgumentException("not a duration");
                }
            }
            if (d.compareTo(min) < 0) {
                throw new IllegalArgumentException("shorter than " + print(min));
            }
            return d;
        }).withCamelText(d -> String.valueOf(d.toMillis()));
    }

    private static long parseLong(String t, String what) {
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not " + what);
        }
    }

    /** A duration as the configuration writes it, in its largest whole unit. */
    public static String print(Duration d) {
        long ms = d.toMillis();
        TreeMap<Long, String> units = new TreeMap<>(java.util.Map.of(86_400_000L, "d", 3_600_000L, "h", 60_000L, "m",
                1000L, "s"));
        for (var unit : units.descendingMap().entrySet()) {
            if (ms != 0 && ms % unit.getKey() == 0) {
                return ms / unit.getKey() + unit.getValue();
            }
        }
        return ms + "ms";
    }

    static String withoutPasswords(String url) {
        return USER_INFO.matcher(SECRET_PARAM.matcher(url).replaceAll("$1***")).replaceAll("//***@");
    }
}
