package com.refundhub.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a stopped hub's ledger on its own: every index of every table against a scan of the table. The embedded
 * SQLite ledger by the hub's own {@code --check-ledger} (SQLite's integrity check), run as a user would. An H2 file
 * of an earlier release (kept to show what issue 22 found: {@code LedgerSoakIT} run against that release's jar) by
 * comparing the rows read through each index (H2's {@code USE INDEX}), as a multiset, with those of a table scan.
 */
final class LedgerIntegrity {
    private LedgerIntegrity() {
    }

    /** "sound: ..." or what is wrong; {@code workDir} is the hub's working directory (its ledger under data/). */
    static String check(Path workDir) throws Exception {
        if (Files.exists(workDir.resolve("data/refundhub.db"))) {
            return checkLedgerCommand(workDir);
        }
        Path h2 = workDir.resolve("data/refundhub.mv.db");
        if (Files.exists(h2)) {
            return checkH2("jdbc:h2:file:" + workDir.resolve("data/refundhub") + ";DB_CLOSE_ON_EXIT=FALSE");
        }
        return "no ledger found under " + workDir.resolve("data");
    }

    /** {@code java -jar refundhub.jar --check-ledger} in the hub's working directory, with its configuration. */
    static String checkLedgerCommand(Path workDir) throws Exception {
        Process p = new ProcessBuilder(HubProcess.javaBin(), "-jar", HubProcess.JAR.toString(), "--check-ledger",
                "--config", workDir.resolve("hub.properties").toString()).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "--check-ledger did not finish: " + out;
        }
        return p.exitValue() == 0 && out.startsWith("ledger sound: ") ? "sound: " + out.substring("ledger sound: ".length())
                : "exit " + p.exitValue() + ": " + out;
    }

    static String checkH2(String url) {
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            Map<String, List<String>> indexes = new LinkedHashMap<>();
            Map<String, String> tableOf = new HashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT i.TABLE_NAME, i.INDEX_NAME, c.COLUMN_NAME FROM INFORMATION_SCHEMA.INDEXES i "
                         + "JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME "
                         + "WHERE i.TABLE_SCHEMA = 'PUBLIC' ORDER BY i.TABLE_NAME, i.INDEX_NAME, c.ORDINAL_POSITION")) {
                while (rs.next()) {
                    indexes.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add('"' + rs.getString(3) + '"');
                    tableOf.put(rs.getString(2), rs.getString(1));
                }
            }
            long entries = 0;
            for (Map.Entry<String, List<String>> ix : indexes.entrySet()) {
                String table = '"' + tableOf.get(ix.getKey()) + '"';
                String cols = "_ROWID_, " + String.join(", ", ix.getValue());
                Map<String, Integer> viaIndex = rows(c, "SELECT " + cols + " FROM " + table + " USE INDEX (\"" + ix.getKey() + "\")");
                Map<String, Integer> viaScan = rows(c, "SELECT " + cols + " FROM " + table + " USE INDEX ()");
                if (!viaIndex.equals(viaScan)) {
                    return "index " + ix.getKey() + " of " + table + " disagrees with its table: " + difference(viaIndex, viaScan);
                }
                entries += viaScan.size();
            }
            return "sound: " + indexes.size() + " indexes, " + entries + " entries, each as its table says";
        } catch (SQLException e) {
            return "cannot be read: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    private static String difference(Map<String, Integer> viaIndex, Map<String, Integer> viaScan) {
        List<String> onlyIndex = new ArrayList<>();
        List<String> onlyTable = new ArrayList<>();
        viaIndex.forEach((k, n) -> {
            if (!n.equals(viaScan.get(k))) {
                onlyIndex.add(k);
            }
        });
        viaScan.forEach((k, n) -> {
            if (!n.equals(viaIndex.get(k))) {
                onlyTable.add(k);
            }
        });
        return viaIndex.values().stream().mapToInt(Integer::intValue).sum() + " entries, table "
                + viaScan.values().stream().mapToInt(Integer::intValue).sum() + " rows; only in the index "
                + onlyIndex.stream().limit(5).toList() + ", only in the table " + onlyTable.stream().limit(5).toList();
    }

    private static Map<String, Integer> rows(Connection c, String sql) throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder key = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    key.append(rs.getString(i)).append('|');
                }
                rows.merge(key.toString(), 1, Integer::sum);
            }
        }
        return rows;
    }
}
