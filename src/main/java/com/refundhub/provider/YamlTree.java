package com.refundhub.provider;

import com.refundhub.config.Problem;
import com.refundhub.config.Suggestions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A descriptor file as YAML nodes that know their line and their path in the file, and that report what is wrong
 * with them as one {@link Problem} each: {@code FILE:LINE PATH: what is wrong; allowed: ...}. Reading goes on after a
 * problem, so a file with several mistakes gets all of them at once.
 */
final class YamlTree {
    private final String file;
    private final List<Problem> problems;

    private YamlTree(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /** The file's root, or empty when it is not YAML at all (the problem is then reported). */
    static Optional<Item> parse(String file, String text, List<Problem> problems) {
        YamlTree tree = new YamlTree(file, problems);
        try {
            Optional<Node> root = new Compose(LoadSettings.builder().setLabel(file).build()).composeString(text);
            if (root.isEmpty()) {
                problems.add(new Problem(file + ":1", null, null, "the file is empty; a descriptor starts with 'provider: NAME'"));
                return Optional.empty();
            }
            return Optional.of(tree.new Item(root.get(), ""));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
            problems.add(new Problem(file + ":" + line, null, null, "not valid YAML: " + e.getProblem()));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(new Problem(file + ":1", null, null, "not valid YAML: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** One node of the file. */
    final class Item {
        private final Node node;
        private final String path;

        Item(Node node, String path) {
            this.node = node;
            this.path = path;
        }

        String path() {
            return path;
        }

        int line() {
            return node.getStartMark().map(Mark::getLine).orElse(0) + 1;
        }

        /** Where this node is, as a problem names it: {@code FILE:LINE}. */
        String where() {
            return file + ":" + line();
        }

        /** Reports a problem with this node; returns false, for the caller's convenience. */
        boolean problem(String message) {
            problems.add(new Problem(where() + " " + (path.isEmpty() ? "(top)" : path), null, null, message));
            return false;
        }

        boolean isMap() {
            return node instanceof MappingNode;
        }

        boolean isList() {
            return node instanceof SequenceNode;
        }

        boolean isScalar() {
            return node instanceof ScalarNode;
        }

        /** A scalar written without quotes (so {@code 12} may be a number, {@code null} nothing). */
        boolean isPlain() {
            return node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN;
        }

        /** A plain {@code null} or {@code ~}: no value. */
        boolean isNull() {
            return isPlain() && (text().equals("null") || text().equals("~") || text().isEmpty());
        }

        /** The scalar's text; null (and a problem) for a map or list. */
        String text() {
            if (node instanceof ScalarNode s) {
                return s.getValue();
            }
            return null;
        }

        /** A scalar's text, or a problem saying what was expected. */
        Optional<String> scalar(String expected) {
            if (node instanceof ScalarNode s) {
                return Optional.of(s.getValue());
            }
            problem("must be " + expected + ", not a " + (isMap() ? "map" : "list"));
            return Optional.empty();
        }

        /** The entries of a map, in the file's order; empty (and a problem) for anything else. */
        Map<String, Item> entries() {
            Map<String, Item> out = new LinkedHashMap<>();
            if (!(node instanceof MappingNode m)) {
                problem("must be a map (key: value lines), not " + (isList() ? "a list" : "'" + text() + "'"));
                return out;
            }
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    new Item(t.getKeyNode(), path).problem("a key must be a name");
                    continue;
                }
                String key = k.getValue();
                if (out.containsKey(key)) {
                    new Item(t.getKeyNode(), child(key)).problem("given twice");
                }
                out.put(key, new Item(t.getValueNode(), child(key)));
            }
            return out;
        }

        /**
         * The entries of a map whose keys are all in {@code allowed}; each other key is a problem naming the nearest
         * allowed one, or the list of them.
         */
        Map<String, Item> fields(Collection<String> allowed) {
            Map<String, Item> entries = entries();
            for (Map.Entry<String, Item> e : entries.entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    e.getValue().unknown(e.getKey(), allowed);
                }
            }
            return entries;
        }

        Map<String, Item> fields(String... allowed) {
            return fields(Set.of(allowed));
        }

        /** A problem for an unknown name, suggesting the nearest of {@code known}. */
        void unknown(String name, Collection<String> known) {
            Optional<String> near = Suggestions.nearest(name, known);
            problem("unknown field '" + name + "'" + near.map(n -> "; did you mean '" + n + "'?")
                    .orElse("; allowed: " + String.join(", ", known.stream().sorted().toList())));
        }

        /** The items of a list; a single scalar counts as a list of one. */
        List<Item> items() {
            List<Item> out = new ArrayList<>();
            if (node instanceof SequenceNode s) {
                int i = 0;
                for (Node n : s.getValue()) {
                    out.add(new Item(n, path + "[" + i++ + "]"));
                }
            } else if (node instanceof ScalarNode) {
                out.add(this);
            } else {
                problem("must be a list");
            }
            return out;
        }

        private String child(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }
    }
}
