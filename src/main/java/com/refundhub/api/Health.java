package com.refundhub.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * {@code GET /health}: each part of the hub (database, routes, broker) says UP or DOWN with a reason; details (each
 * channel's state) are shown beside them and never make the hub DOWN.
 */
public class Health {
    private final List<Map.Entry<String, Supplier<String>>> checks = new CopyOnWriteArrayList<>();
    private final List<Map.Entry<String, Supplier<Object>>> details = new CopyOnWriteArrayList<>();

    /** A check returns null when healthy, or why not; throwing counts as DOWN too. */
    public void add(String name, Supplier<String> check) {
        checks.add(Map.entry(name, check));
    }

    /** Something shown at the top level of the report under {@code name}, for information only. */
    public void detail(String name, Supplier<Object> value) {
        details.add(Map.entry(name, value));
    }

    public record Report(boolean up, Map<String, Map<String, String>> parts, Map<String, Object> details) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", up ? "UP" : "DOWN");
            m.put("checks", parts);
            m.putAll(details);
            return m;
        }

        /** Each check that is DOWN, as "name: why". */
        public List<String> down() {
            List<String> down = new ArrayList<>();
            parts.forEach((name, part) -> {
                if (part.containsKey("detail")) {
                    down.add(name + ": " + part.get("detail"));
                }
            });
            return down;
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
        Map<String, Object> shown = new LinkedHashMap<>();
        details.forEach(d -> shown.put(d.getKey(), d.getValue().get()));
        return new Report(up, parts, shown);
    }
}
