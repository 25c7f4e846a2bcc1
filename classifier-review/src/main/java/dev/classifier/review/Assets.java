package dev.classifier.review;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** The page's files, read once from the jar: nothing is fetched from anywhere else. */
final class Assets {

    /** A file and its content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/assets/app.js", "app.js",
            "/assets/i18n.js", "i18n.js",
            "/assets/app.css", "app.css",
            "/assets/icon.svg", "icon.svg",
            "/favicon.ico", "icon.svg");

    private final Map<String, Asset> byPath;

    Assets() {
        java.util.HashMap<String, Asset> loaded = new java.util.HashMap<>();
        FILES.forEach((path, file) -> loaded.put(path, new Asset(read(file), typeOf(file))));
        this.byPath = Map.copyOf(loaded);
    }

    Optional<Asset> get(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    private static byte[] read(String file) {
        try (InputStream in = Assets.class.getResourceAsStream("assets/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks the review page's file assets/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the review page's file assets/" + file, e);
        }
    }

    private static String typeOf(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "image/svg+xml";
    }
}
