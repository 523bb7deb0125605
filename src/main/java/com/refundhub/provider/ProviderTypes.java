package com.refundhub.provider;

import com.refundhub.config.ChannelTypes;
import com.refundhub.config.Problem;
import com.refundhub.core.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider types of this hub: the descriptors inside the jar (listed in {@code providers/built-in.list} of each
 * classpath root, so test sources can add their own), then every {@code NAME.provider.yaml} of
 * {@code refundhub.providers.dir} (a missing folder is fine; a file there replaces the built-in of the same name). Each
 * is checked as it is read; {@link #problems()} lists what stops the hub from starting.
 */
public final class ProviderTypes implements ChannelTypes {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderTypes.class);
    public static final String BUILT_IN = "providers/built-in.list";
    public static final String SUFFIX = ".provider.yaml";

    private final Map<String, Descriptor> byName;
    private final List<Problem> problems;

    private ProviderTypes(Map<String, Descriptor> byName, List<Problem> problems) {
        this.byName = Collections.unmodifiableMap(byName);
        this.problems = List.copyOf(problems);
    }

    /** The built-in descriptors and those of {@code dir}. */
    public static ProviderTypes load(Path dir) {
        try {
            return load(Collections.list(ProviderTypes.class.getClassLoader().getResources(BUILT_IN)), dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the built-in providers", e);
        }
    }

    /** The descriptors the given lists name, then those of {@code dir} (null: none). */
    public static ProviderTypes load(List<URL> lists, Path dir) {
        Map<String, Descriptor> out = new TreeMap<>();
        List<Problem> problems = new ArrayList<>();
        for (URL list : lists) {
            String base = list.toString().substring(0, list.toString().length() - "built-in.list".length());
            for (String line : read(list).split("\\R")) {
                String file = line.replaceAll("#.*", "").trim();
                if (!file.isEmpty()) {
                    try {
                        add(out, "classpath:providers/" + file, read(new URL(base + file)), file, problems);
                    } catch (IOException e) {
                        problems.add(new Problem("classpath:providers/" + file, null, null, "cannot be read: " + e));
                    }
                }
            }
        }
        if (dir != null && Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                List<Path> sorted = new ArrayList<>();
                files.forEach(sorted::add);
                Collections.sort(sorted);
                for (Path f : sorted) {
                    String name = f.getFileName().toString();
                    if (out.containsKey(name.substring(0, name.length() - SUFFIX.length()))) {
                        LOG.info("provider {} from {} replaces the built-in one", name, dir);
                    }
                    add(out, f.toString(), Files.readString(f, StandardCharsets.UTF_8), name, problems);
                }
            } catch (IOException e) {
                problems.add(new Problem(dir.toString(), null, null, "cannot be read: " + e.getMessage()));
            }
        }
        return new ProviderTypes(out, problems);
    }

    /** One descriptor file on its own (--test-provider), checked. */
    public static ProviderTypes file(Path file) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Descriptor> out = new TreeMap<>();
        String name = file.getFileName().toString();
        try {
            add(out, file.toString(), Files.readString(file, StandardCharsets.UTF_8), name, problems);
        } catch (IOException e) {
            problems.add(new Problem(file.toString(), null, null, "cannot be read: " + e.getMessage()));
        }
        return new ProviderTypes(out, problems);
    }

    private static void add(Map<String, Descriptor> out, String source, String text, String fileName,
                            List<Problem> problems) {
        String expected = fileName.endsWith(SUFFIX) ? fileName.substring(0, fileName.length() - SUFFIX.length()) : null;
        if (expected == null) {
            problems.add(new Problem(source, null, null, "a descriptor file is named NAME" + SUFFIX));
        }
        DescriptorReader.read(source, text, expected, problems).ifPresent(d -> out.put(d.name(), d));
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }

    /**
     * The same types with lines of {@code dir/TYPE.properties} applied: {@code OPERATION.ROW = KIND [CODE]} changes what
     * the row named ROW ({@link OutcomeRow#label}) of that operation's table means, so a deployment can correct a
     * provider's code without editing its descriptor. A line naming no row is a problem.
     */
    public ProviderTypes withOutcomeOverrides(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return this;
        }
        List<Problem> more = new ArrayList<>(problems);
        Map<String, Descriptor> out = new TreeMap<>(byName);
        for (Descriptor d : byName.values()) {
            Path file = dir.resolve(d.name() + ".properties");
            if (!Files.isReadable(file)) {
                continue;
            }
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                more.add(new Problem(file.toString(), null, null, "cannot be read: " + e.getMessage()));
                continue;
            }
            Descriptor changed = d;
            for (String key : new TreeMap<>(Map.copyOf(p)).keySet().stream().map(Object::toString).toList()) {
                changed = override(changed, file, key, p.getProperty(key).trim(), more);
            }
            out.put(d.name(), changed);
            LOG.info("provider {}: outcome rows overridden by {}", d.name(), file);
        }
        return new ProviderTypes(out, more);
    }

    private static Descriptor override(Descriptor d, Path file, String key, String value, List<Problem> problems) {
        int dot = key.indexOf('.');
        String op = dot < 0 ? key : key.substring(0, dot);
        Operation operation = op.equals("refund") ? Operation.REFUND : op.equals("inquiry") ? Operation.INQUIRY : null;
        String[] words = value.split("\\s+");
        ProviderOutcome.Kind kind;
        ReasonCode code;
        try {
            kind = ProviderOutcome.Kind.valueOf(words[0]);
            code = words.length > 1 ? ReasonCode.valueOf(words[1]) : kind == ProviderOutcome.Kind.UNKNOWN
                    ? ReasonCode.OUTCOME_UNKNOWN : null;
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(file + " " + key, value, null, "not KIND [CODE]"));
            return d;
        }
        if (operation == null || dot < 0) {
            problems.add(new Problem(file + " " + key, value, null, "a key is refund.ROW or inquiry.ROW"));
            return d;
        }
        String label = key.substring(dot + 1);
        OperationSpec spec = d.operation(operation);
        List<OutcomeRow> rows = new ArrayList<>(spec.answer().outcomes().rows());
        for (int i = 0; i < rows.size(); i++) {
            OutcomeRow r = rows.get(i);
            if (r.label(null).equals(label)) {
                rows.set(i, new OutcomeRow(r.conditions(), kind, code, r.line()));
                AnswerSpec a = spec.answer();
                AnswerSpec changed = new AnswerSpec(a.encoding(), a.requires(), a.signature(), a.unsignedErrors(), a.code(),
                        a.message(), a.providerRefundId(), a.about(), a.orderRefunded(), new OutcomeTable(List.copyOf(rows)));
                OperationSpec op2 = new OperationSpec(spec.operation(), spec.method(), spec.path(), spec.request(), changed,
                        spec.clientCertificate(), spec.sandbox());
                return new Descriptor(d.name(), d.title(), d.source(), d.settings(), d.rules(), d.amounts(),
                        operation == Operation.REFUND ? op2 : d.refund(), operation == Operation.INQUIRY ? op2 : d.inquiry(),
                        d.sandbox(), d.examples());
            }
        }
        problems.add(new Problem(file + " " + key, value, null, "the " + op + " table of " + d.name() + " has no row "
                + label));
        return d;
    }

    @Override
    public Map<String, Descriptor> byName() {
        return byName;
    }

    @Override
    public List<Problem> problems() {
        return problems;
    }

    public Optional<Descriptor> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Descriptor get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no provider type " + name));
    }

    public Collection<Descriptor> all() {
        return byName.values();
    }

    /** The types as a map copy, in name order. */
    public Map<String, Descriptor> asMap() {
        return new LinkedHashMap<>(byName);
    }
}
