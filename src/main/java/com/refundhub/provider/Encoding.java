package com.refundhub.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.type.TypeReference;
import com.refundhub.core.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * How a body is written and read: JSON, {@code application/x-www-form-urlencoded}, or XML. A tree is an ordered map of
 * names to text, numbers, booleans, nested trees, or {@link RawJson} (a part's exact JSON text, spliced in as is).
 * Form bodies are flat; nested trees are for JSON and XML. Reading gives the same kind of tree (XML and form values
 * as text).
 */
public enum Encoding {
    JSON("application/json; charset=UTF-8"),
    FORM("application/x-www-form-urlencoded; charset=UTF-8"),
    XML("text/xml; charset=UTF-8");

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final String contentType;

    Encoding(String contentType) {
        this.contentType = contentType;
    }

    /** The exact text of a JSON part, written into a JSON body as the value it is. */
    public record RawJson(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    public String contentType() {
        return contentType;
    }

    /** Whether a body of this encoding can nest objects. */
    public boolean nests() {
        return this != FORM;
    }

    public String write(Map<String, Object> tree, String xmlRoot) {
        return switch (this) {
            case JSON -> json(tree);
            case FORM -> form(tree);
            case XML -> xml(tree, xmlRoot == null ? "xml" : xmlRoot);
        };
    }

    /** The body as a tree; throws on anything that is not this encoding (an unreadable answer). */
    public Map<String, Object> read(String text) throws IOException {
        return switch (this) {
            case JSON -> Json.MAPPER.readValue(text, MAP);
            case FORM -> readForm(text);
            case XML -> readXml(text);
        };
    }

    private static String json(Map<String, Object> tree) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            writeJson(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void writeJson(JsonGenerator g, Object value) throws IOException {
        if (value instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                g.writeFieldName(e.getKey());
                writeJson(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeJson(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof RawJson raw) {
            g.writeRawValue(raw.text());
        } else {
            g.writeObject(value);
        }
    }

    private static String form(Map<String, Object> tree) {
        StringBuilder b = new StringBuilder(256);
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(Template.text(e.getValue()), StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    private static Map<String, Object> readForm(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String pair : text.trim().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not a form: '" + pair + "'");
            }
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("an empty form");
        }
        return out;
    }

    private static String xml(Map<String, Object> tree, String root) {
        StringBuilder b = new StringBuilder(256).append('<').append(root).append('>');
        writeXml(b, tree);
        return b.append("</").append(root).append('>').toString();
    }

    @SuppressWarnings("unchecked")
    private static void writeXml(StringBuilder b, Map<String, Object> tree) {
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            b.append('<').append(e.getKey()).append('>');
            if (e.getValue() instanceof Map<?, ?> m) {
                writeXml(b, (Map<String, Object>) m);
            } else {
                escape(b, Template.text(e.getValue()));
            }
            b.append("</").append(e.getKey()).append('>');
        }
    }

    private static void escape(StringBuilder b, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                default -> b.append(c);
            }
        }
    }

    /** XML without DTDs or external entities: a provider's answer is data, never instructions to fetch more. */
    private static Map<String, Object> readXml(String text) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            return children(root);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("not XML: " + e.getMessage());
        }
    }

    private static Map<String, Object> children(Element element) {
        Map<String, Object> out = new LinkedHashMap<>();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element child) {
                out.put(child.getTagName(), hasElements(child) ? children(child) : child.getTextContent());
            }
        }
        return out;
    }

    private static boolean hasElements(Element e) {
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }
}
