package dev.classifier.openai;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No class outside classifier-openai maps the SDK's errors or runs a retry loop of its own: every call to a
 * provider goes through {@link OpenAiCalls}. Scans the main sources of every sibling module.
 *
 * <p>What counts, line by line (comments included, so that a rule is not dodged in a comment either):
 * <ul>
 *   <li>any mention of {@code com.openai.errors} — an import or a qualified name: catching or mapping the SDK's
 *       exceptions is the layer's job;</li>
 *   <li>in a file that deals with providers (it mentions {@code com.openai} or {@code dev.classifier.openai}): a
 *       loop over attempts ({@code for (int attempt ...}, {@code while (... attempt ...)}), a helper named
 *       {@code withRetries}/{@code retrying}, or a call to {@code RetryPolicy}'s {@code backoff(...)} or
 *       {@code maxAttempts()}: a retry loop of its own. (Files that never touch a provider may retry what they
 *       like: a file lock, say.)</li>
 * </ul>
 */
class LayerBoundaryTest {

    private static final Pattern SDK_ERRORS = Pattern.compile("\\bcom\\.openai\\.errors\\b");
    private static final Pattern PROVIDER_CODE = Pattern.compile("\\bcom\\.openai\\.|\\bdev\\.classifier\\.openai\\.");
    private static final Pattern RETRY_LOOP = Pattern.compile(
            "for\\s*\\(\\s*int\\s+\\w*[aA]ttempts?\\w*\\s*="
                    + "|while\\s*\\([^)]*\\b[aA]ttempts?\\b"
                    + "|\\bwithRetries\\s*\\(|\\bretrying\\s*\\("
                    + "|\\.backoff\\s*\\(|\\.maxAttempts\\s*\\(\\s*\\)");

    /**
     * Known offenders, each with the reason it is still here; an entry that no longer offends fails the test, so
     * the list only shrinks. Since issue 12 (prompt, batch and fine-tuning moved onto {@link OpenAiCalls}) it is
     * empty, and a new offender fails the build.
     */
    private static final Map<String, String> ALLOWED = Map.of();

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void noClassOutsideTheLayerMapsSdkErrorsOrRetriesOnItsOwn() {
        Map<String, List<String>> offences = offences();

        Map<String, List<String>> unexpected = new TreeMap<>(offences);
        ALLOWED.keySet().forEach(unexpected::remove);
        assertThat(unexpected).as("classes outside classifier-openai that map the SDK's errors or retry on their own;"
                + " call the provider through OpenAiCalls instead").isEmpty();
        List<String> stale = ALLOWED.keySet().stream().filter(f -> !offences.containsKey(f)).sorted().toList();
        assertThat(stale).as("allow-list entries that no longer offend: remove them from LayerBoundaryTest.ALLOWED")
                .isEmpty();
    }

    @Test
    void theScanSeesTheOtherModulesAndCatchesWhatItLooksFor() {
        assertThat(sources()).anySatisfy(p -> assertThat(ROOT.relativize(p).toString().replace('\\', '/'))
                .isEqualTo("classifier-prompt/src/main/java/dev/classifier/prompt/PromptClassifier.java"));
        assertThat(sources()).noneSatisfy(p -> assertThat(p.toString()).contains("classifier-openai"));
        assertThat(SDK_ERRORS.matcher("import com.openai.errors.RateLimitException;").find()).isTrue();
        assertThat(RETRY_LOOP.matcher("for (int attempt = 1; ; attempt++) {").find()).isTrue();
        assertThat(RETRY_LOOP.matcher("sleeper.sleep(retry.backoff(attempt, random));").find()).isTrue();
        assertThat(RETRY_LOOP.matcher("if (attempt >= retry.maxAttempts()) {").find()).isTrue();
        assertThat(RETRY_LOOP.matcher("builder.retryPolicy(policy);").find()).isFalse();
        assertThat(PROVIDER_CODE.matcher("import dev.classifier.openai.RetryPolicy;").find()).isTrue();
    }

    private static Map<String, List<String>> offences() {
        Map<String, List<String>> found = new TreeMap<>();
        for (Path file : sources()) {
            List<String> lines = read(file);
            boolean callsProviders = lines.stream().anyMatch(l -> PROVIDER_CODE.matcher(l).find());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (SDK_ERRORS.matcher(line).find() || (callsProviders && RETRY_LOOP.matcher(line).find())) {
                    found.computeIfAbsent(ROOT.relativize(file).toString().replace('\\', '/'), f -> new ArrayList<>())
                            .add("line " + (i + 1) + ": " + line.strip());
                }
            }
        }
        return found;
    }

    private static List<Path> sources() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path main = module.resolve("src/main/java");
                if (module.getFileName().toString().equals("classifier-openai") || !Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(main)) {
                    walk.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the modules under " + ROOT, e);
        }
        return files;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
