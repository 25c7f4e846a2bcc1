package dev.classifier.testkit.openai;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code multipart/form-data} body, split into its named parts. */
final class MultipartForm {

    /** One part: its field name, the filename if it is a file, its content type and its bytes. */
    record Part(String name, Optional<String> filename, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("(?:^|;)\\s*filename=\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, Part> parts;

    private MultipartForm(Map<String, Part> parts) {
        this.parts = parts;
    }

    Optional<Part> part(String name) {
        return Optional.ofNullable(parts.get(name));
    }

    /** Splits a body; a 400 when the content type is not multipart or the body does not follow it. */
    static MultipartForm parse(Optional<String> contentType, byte[] body) {
        String type = contentType.orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw ApiException.badRequest("Expected a multipart/form-data body, got Content-Type '" + type + "'.",
                    null, null);
        }
        Matcher m = BOUNDARY.matcher(type);
        if (!m.find()) {
            throw ApiException.badRequest("The multipart/form-data Content-Type has no boundary.", null, null);
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(1);
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        Map<String, Part> parts = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw ApiException.badRequest("The multipart body has no part delimited by its boundary.", null, null);
        }
        while (true) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break; // closing delimiter
            }
            start = skipLineBreak(body, start);
            int next = indexOf(body, delimiter, start);
            if (next < 0) {
                throw ApiException.badRequest("The multipart body ends without its closing boundary.", null, null);
            }
            int end = next;
            if (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') {
                end -= 2;
            }
            Part part = part(Arrays.copyOfRange(body, start, end));
            parts.putIfAbsent(part.name(), part);
            at = next;
        }
        return new MultipartForm(parts);
    }

    private static Part part(byte[] raw) {
        int headerEnd = indexOf(raw, HEADER_END, 0);
        if (headerEnd < 0) {
            throw ApiException.badRequest("A multipart part has no blank line after its headers.", null, null);
        }
        String headers = new String(raw, 0, headerEnd, StandardCharsets.UTF_8);
        String disposition = "";
        String contentType = "text/plain";
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-disposition")) {
                disposition = value;
            } else if (name.equals("content-type")) {
                contentType = value;
            }
        }
        Matcher name = NAME.matcher(disposition);
        if (!name.find()) {
            throw ApiException.badRequest("A multipart part has no name in its Content-Disposition.", null, null);
        }
        Matcher filename = FILENAME.matcher(disposition);
        Optional<String> file = filename.find() ? Optional.of(filename.group(1)) : Optional.empty();
        byte[] content = Arrays.copyOfRange(raw, headerEnd + HEADER_END.length, raw.length);
        return new Part(name.group(1), file, contentType, content);
    }

    private static int skipLineBreak(byte[] body, int at) {
        if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
            return at + 2;
        }
        return at;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
