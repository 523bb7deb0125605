package com.refundhub.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.FieldError;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRefusedException;
import com.refundhub.core.RequestParser;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams the lines of a batch file as {@link BatchRow}s, one at a time, so a file of any size is read in
 * bounded memory. CSV (RFC 4180, a header naming canonical fields, UTF-8 with or without BOM, CRLF or LF,
 * quoted fields across lines) is parsed record by record with Commons CSV, so a malformed record is one
 * rejected line and the rest of the file goes on; JSONL is one JSON object per line. Blank lines are skipped.
 * Line numbers are the file's physical lines (the CSV header is line 1).
 */
public final class BatchFile implements Iterator<BatchRow>, Closeable {
    /** a quoted CSV field may span lines, but not without end */
    private static final int MAX_RECORD_LINES = 100;
    private static final int MAX_RECORD_CHARS = 64 * 1024;
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setTrim(true).get();
    private static final Set<String> CSV_FIELDS = Set.copyOf(RequestParser.FIELDS.stream().filter(f -> !f.equals("metadata")).toList());

    private final boolean csv;
    private final BufferedReader reader;
    private final List<String> header;
    private long lineNo;
    private BatchRow next;
    private boolean closed;

    private BatchFile(boolean csv, BufferedReader reader, List<String> header, long lineNo) {
        this.csv = csv;
        this.reader = reader;
        this.header = header;
        this.lineNo = lineNo;
    }

    public static boolean isCsv(Path file) {
        return file.getFileName().toString().toLowerCase().endsWith(".csv");
    }

    /**
     * Checks the whole file can be read (UTF-8, no NUL bytes, not empty, a CSV header naming canonical fields)
     * before any line is acted on; throws with the reason otherwise. Returns how many rows the file holds as far as
     * one pass over its characters tells: its non-blank lines, the CSV header not counted (a quoted CSV field across
     * lines makes this more than the rows read).
     */
    public static long checkReadable(Path file) throws UnreadableFileException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            for (byte b : in.readNBytes(8192)) {
                if (b == 0) {
                    throw new UnreadableFileException("binary content (NUL bytes): not a text file");
                }
            }
        }
        long lines = 0;
        boolean lineHasText = false;
        char[] buf = new char[64 * 1024];
        try (Reader r = strictReader(Files.newInputStream(file))) {
            int n;
            while ((n = r.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    char ch = buf[i];
                    if (ch == 0) {
                        throw new UnreadableFileException("binary content (NUL bytes): not a text file");
                    }
                    if (ch == '\n') {
                        lines += lineHasText ? 1 : 0;
                        lineHasText = false;
                    } else if (!Character.isWhitespace(ch) && ch != '\uFEFF') {
                        lineHasText = true;
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("not UTF-8 text (" + e.getClass().getSimpleName() + ")");
        }
        lines += lineHasText ? 1 : 0;
        if (lines == 0) {
            throw new UnreadableFileException("the file is empty");
        }
        if (isCsv(file)) {
            try (BatchFile f = open(file)) {
                return lines - 1;   // open() checks the header
            }
        }
        return lines;
    }

    public static BatchFile open(Path file) throws IOException, UnreadableFileException {
        BufferedReader reader = new BufferedReader(strictReader(Files.newInputStream(file)), 64 * 1024);
        if (!isCsv(file)) {
            return new BatchFile(false, reader, null, 0);
        }
        try {
            long line = 0;
            String first;
            do {
                first = reader.readLine();
                line++;
            } while (first != null && first.isBlank());
            if (first == null) {
                throw new UnreadableFileException("no header line");
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
            }
            List<String> header = new ArrayList<>();
            try (CSVParser p = CSVParser.parse(first, CSV)) {
                for (CSVRecord rec : p) {
                    rec.forEach(header::add);
                }
            }
            List<String> unknown = header.stream().filter(h -> !CSV_FIELDS.contains(h)).toList();
            if (!unknown.isEmpty() || !header.containsAll(List.of("refundId", "orderId", "channel"))) {
                throw new UnreadableFileException("no usable header: the first line must name the canonical fields "
                        + "(refundId, orderId, channel, amount, currency, ...)" + (unknown.isEmpty() ? ""
                        : "; it has " + String.join(", ", unknown.stream().limit(5).map(BatchFile::printable).toList())));
            }
            if (header.size() != Set.copyOf(header).size()) {
                throw new UnreadableFileException("the header names a field twice");
            }
            return new BatchFile(true, reader, header, line);
        } catch (UnreadableFileException | IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static Reader strictReader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    @Override
    public boolean hasNext() {
        if (closed) {
            return false;
        }
        if (next == null) {
            try {
                next = csv ? readCsv() : readJsonl();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public BatchRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BatchRow row = next;
        next = null;
        return row;
    }

    private BatchRow readJsonl() throws IOException {
        String text;
        do {
            text = reader.readLine();
            lineNo++;
            if (text == null) {
                return null;
            }
            if (lineNo == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        } while (text.isBlank());
        JsonNode node;
        try {
            node = RequestParser.parseJson(text, "line");
        } catch (RefundRefusedException e) {
            return new BatchRow(lineNo, null, e, null);
        }
        String named = node != null && node.isObject() && node.path("refundId").isTextual() ? node.get("refundId").asText() : null;
        try {
            return new BatchRow(lineNo, RequestParser.fromJson(node), null, named);
        } catch (RefundRefusedException e) {
            return new BatchRow(lineNo, null, e, named);
        }
    }

    private BatchRow readCsv() throws IOException {
        String first;
        do {
            first = reader.readLine();
            lineNo++;
            if (first == null) {
                return null;
            }
        } while (first.isBlank());
        long start = lineNo;
        StringBuilder record = new StringBuilder(first);
        // a record whose last quoted field is still open continues on the next line (a line break in a field)
        Scan scan;
        while ((scan = scan(record)) == Scan.OPEN_QUOTE) {
            if (lineNo - start >= MAX_RECORD_LINES || record.length() > MAX_RECORD_CHARS) {
                return refused(start, "a quoted field is never closed");
            }
            String more = reader.readLine();
            if (more == null) {
                return refused(start, "a quoted field is never closed");
            }
            lineNo++;
            record.append('\n').append(more);
        }
        if (scan == Scan.STRAY_QUOTE) {
            return refused(start, "is not valid CSV: a quote inside a field that is not quoted");
        }
        List<String> values = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(new StringReader(record.toString()), CSV)) {
            Iterator<CSVRecord> it = p.iterator();
            if (it.hasNext()) {
                it.next().forEach(values::add);
            }
            if (it.hasNext()) {
                return refused(start, "is not one CSV record");
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return refused(start, "is not valid CSV (" + printable(String.valueOf(e.getMessage())) + ")");
        }
        String named = header.indexOf("refundId") < values.size() ? values.get(header.indexOf("refundId")) : null;
        if (values.size() != header.size()) {
            return new BatchRow(start, null, new RefundRefusedException(ReasonCode.INVALID_REQUEST, "line",
                    "has " + values.size() + " values; the header names " + header.size()), named);
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            row.put(header.get(i), values.get(i));
        }
        try {
            return new BatchRow(start, RequestParser.fromStrings(row), null, named);
        } catch (RefundRefusedException e) {
            return new BatchRow(start, null, e, named);
        }
    }

    private static BatchRow refused(long line, String why) {
        return new BatchRow(line, null, new RefundRefusedException(ReasonCode.INVALID_REQUEST, List.of(new FieldError("line", why))), null);
    }

    private enum Scan { COMPLETE, OPEN_QUOTE, STRAY_QUOTE }

    /** RFC 4180 quoting state at the end of {@code s}: is a quoted field still open, or is a quote misplaced? */
    static Scan scan(CharSequence s) {
        boolean fieldStart = true;
        boolean quoted = false;
        boolean stray = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        i++;   // an escaped quote
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == ',') {
                fieldStart = true;
            } else if (c == '"') {
                if (fieldStart) {
                    quoted = true;
                    fieldStart = false;
                } else {
                    stray = true;
                }
            } else if (c != ' ' && c != '\t') {
                fieldStart = false;
            }
        }
        return quoted ? Scan.OPEN_QUOTE : stray ? Scan.STRAY_QUOTE : Scan.COMPLETE;
    }

    private static String printable(String s) {
        String p = s.replaceAll("[^\\x20-\\x7E]", "?");
        return p.length() > 60 ? p.substring(0, 60) + "…" : p;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        reader.close();
    }
}
