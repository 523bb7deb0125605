package com.refundhub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** {@code GET /health}: each part of the hub (database, routes, broker) says UP or DOWN with a reason. */
public class Health {
    private final List<Map.Entry<String, Supplier<String>>> checks = new CopyOnWriteArrayList<>();

    /** A check returns null when healthy, or why not; throwing counts as DOWN too. */
    public void add(String name, Supplier<String> check) {
        checks.add(Map.entry(name, check));
    }

    public record Report(boolean up, Map<String, Map<String, String>> parts) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", up ? "UP" : "DOWN");
            m.put("checks", parts);
            return m;
        }
    }

    public Report check() {
        boolean up = true;
        Map<String, Map<String, String>> parts = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<String>> c : checks) {
            String problem;
            try {
                problem = c.getValue().get();
            } catch (RuntimeException e) {
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            Map<String, String> part = new LinkedHashMap<>();
            part.put("status", problem == null ? "UP" : "DOWN");
            if (problem != null) {
                part.put("detail", problem);
                up = false;
            }
            parts.put(c.getKey(), part);
        }
        return new Report(up, parts);
    }
}
