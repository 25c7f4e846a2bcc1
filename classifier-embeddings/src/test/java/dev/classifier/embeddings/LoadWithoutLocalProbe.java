package dev.classifier.embeddings;

import dev.classifier.api.Article;

import java.nio.file.Path;

/**
 * Run by {@link OptionalLocalTest} in a JVM without classifier-local: loads each file given (with the hashing
 * stand-in embedder) and prints {@code <file name>=ok <label>} or {@code <file name>=<exception> <message>}.
 */
public final class LoadWithoutLocalProbe {

    private LoadWithoutLocalProbe() {
    }

    public static void main(String[] args) {
        System.out.println("local.present=" + present("dev.classifier.local.LocalClassifier"));
        for (String arg : args) {
            Path file = Path.of(arg);
            try (EmbeddingClassifier loaded = EmbeddingClassifier.load(file, new HashingEmbedder())) {
                System.out.println(file.getFileName() + "=ok " + loaded.classify(Article.of("a", "Stocks rally", "")).label());
            } catch (Exception e) {
                System.out.println(file.getFileName() + "=" + e.getClass().getName() + " " + e.getMessage());
            }
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
