package dev.classifier.cli;

import dev.classifier.api.Article;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;

/**
 * Gets ready, on a second core, what {@code classify} and {@code eval} will need once picocli has read the command
 * line (which takes the main thread about 100 ms): the security providers (the model's version is a SHA-256 of its
 * bytes), the Unicode normalization tables (text features), jackson-core's reading and writing, and the model
 * classes. Only what the JDK and the libraries do anyway, done earlier: nothing is read from the user's files, and
 * a failure here costs nothing but the head start (the real work reports its own errors).
 *
 * <p>Only with {@code -Dclassifier.warmup=on}: measured on two cores at a load average of 13 to 18, it made the
 * first prediction slower (median 490 ms against 376 without it), the main thread waiting on classes the warm-up
 * thread was initialising when the scheduler had put it aside. bench/cli-startup.sh measures it beside the
 * default, for a rerun on an idle machine, where a free second core should make it pay.
 */
final class Warmup {

    private static final String[] MODEL_CLASSES = {
            "dev.classifier.local.LocalClassifier", "dev.classifier.local.TextFeatures",
            "dev.classifier.local.Vocabulary", "dev.classifier.local.ModelFile"};

    private Warmup() {
    }

    /** Starts the warm-up on a daemon thread (it never keeps the process alive). */
    static void start() {
        Thread thread = new Thread(Warmup::run, "classifier-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void run() {
        try {
            MessageDigest.getInstance("SHA-256").digest(new byte[64]);
            Normalizer.normalize("\uFF21\u00BD", Normalizer.Form.NFKC);
            JsonFactory json = JsonFactory.builder().build();
            try (JsonParser parser = json.createParser("{\"id\":\"w\",\"title\":\"\u6807\u9898\"}")) {
                while (parser.nextToken() != null) {
                    parser.getText();
                }
            }
            json.createGenerator(OutputStream.nullOutputStream()).close();
            Article.of("w", "warm-up", "");
            ClassLoader loader = Warmup.class.getClassLoader();
            for (String name : MODEL_CLASSES) {
                Class.forName(name, true, loader);
            }
        } catch (IOException | NoSuchAlgorithmException | ClassNotFoundException | RuntimeException | LinkageError e) {
            // Nothing to do: the work this was to speed up does the same and reports what goes wrong.
        }
    }
}
