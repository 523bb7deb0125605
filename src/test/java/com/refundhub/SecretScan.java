package com.refundhub;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets a configuration holds (keys, passwords, webhook secrets, API keys, the lines of private key files) and a scan of
 * text for them — and for anything that looks like a full signature (long hex or base64 runs).
 */
public final class SecretScan {
    private static final Pattern SECRET_KEY = Pattern.compile("(^|\\.)(key|password|secret|api-keys|private-key|provider-private-key)$");
    /** a signature's shape: 32+ hex digits (MD5, SHA-256, HMAC) or 100+ base64 characters (RSA) */
    private static final Pattern SIGNATURE_SHAPE = Pattern.compile("(?<![0-9A-Za-z])([0-9A-Fa-f]{32,}|[A-Za-z0-9+/]{100,}={0,2})(?![0-9A-Za-z])");

    private final Set<String> secrets = new LinkedHashSet<>();
    /** configured values that are not secret (app ids, merchant ids): not signatures, whatever their shape */
    private final Set<String> publicValues = new LinkedHashSet<>();

    /** @param names the configuration's keys; {@code value} resolves one */
    public static SecretScan of(Iterable<String> names, Function<String, String> value) {
        SecretScan scan = new SecretScan();
        for (String name : names) {
            if (!SECRET_KEY.matcher(name).find()) {
                String v = value.apply(name);
                if (v != null) {
                    scan.publicValues.add(v.trim());
                }
                continue;
            }
            String v = value.apply(name);
            if (v == null || v.isBlank()) {
                continue;
            }
            if (name.endsWith("private-key")) {
                scan.addPemLines(v);
            } else if (name.endsWith("api-keys")) {
                for (String k : v.split(",")) {
                    if (!k.isBlank()) {
                        scan.secrets.add(k.trim());
                    }
                }
            } else {
                scan.secrets.add(v.trim());
            }
        }
        return scan;
    }

    /** The secrets of a properties file. */
    public static SecretScan ofFile(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        return of(p.stringPropertyNames(), p::getProperty);
    }

    private void addPemLines(String location) {
        try {
            String pem;
            if (location.startsWith("classpath:")) {
                try (InputStream in = SecretScan.class.getClassLoader().getResourceAsStream(location.substring("classpath:".length()))) {
                    if (in == null) {
                        return;
                    }
                    pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            } else {
                pem = Files.readString(Path.of(location));
            }
            for (String line : pem.split("\\R")) {
                if (line.length() >= 40 && !line.startsWith("-----")) {
                    secrets.add(line.trim());
                }
            }
        } catch (IOException e) {
            // a key that cannot be read cannot leak either
        }
    }

    public Set<String> secrets() {
        return secrets;
    }

    /** Where in {@code text} a secret or a signature-shaped string appears ({@code where} names the text). */
    public List<String> findings(String where, String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        for (String s : secrets) {
            if (text.contains(s)) {
                found.add(where + ": contains the secret " + s.substring(0, Math.min(4, s.length())) + "…");
            }
        }
        Matcher m = SIGNATURE_SHAPE.matcher(text);
        while (m.find()) {
            if (publicValues.contains(m.group())) {
                continue;
            }
            found.add(where + ": contains a signature-like string " + m.group().substring(0, 8) + "…");
        }
        return found;
    }
}
