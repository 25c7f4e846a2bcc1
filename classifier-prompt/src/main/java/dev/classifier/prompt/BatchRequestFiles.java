package dev.classifier.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.ObjectMappers;
import dev.classifier.api.Article;
import dev.classifier.openai.ChatMessage;
import dev.classifier.openai.TokenCounter;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The request files of a batch run: the first round's, rendered from the articles (each article also stored, for
 * the outcomes and any synchronous retry), the later rounds', copied from the first round's lines, and what one of
 * them is expected to cost (for the spending cap), counted from the messages it holds.
 */
final class BatchRequestFiles {

    private static final ObjectMapper SDK_JSON = ObjectMappers.jsonMapper();

    private final PromptClassifier prompt;
    private final int maxRequestsPerFile;
    private final long maxBytesPerFile;

    BatchRequestFiles(PromptClassifier prompt, int maxRequestsPerFile, long maxBytesPerFile) {
        this.prompt = prompt;
        this.maxRequestsPerFile = maxRequestsPerFile;
        this.maxBytesPerFile = maxBytesPerFile;
    }

    /** Renders every article once into request files and the run's article file; refuses a repeated id. */
    List<Path> writeFirstRound(Iterator<Article> articles, Path dir, BatchState state, BatchEvents events) {
        Map<String, Integer> positions = new HashMap<>();
        int position = 0;
        try (BufferedWriter stored = BatchArticles.writer(dir);
             BatchRequestWriter requests = new BatchRequestWriter(dir, "requests-r0", maxRequestsPerFile,
                     maxBytesPerFile, events::onRequestFile)) {
            while (articles.hasNext()) {
                Article article = Objects.requireNonNull(articles.next(), "article at position " + position);
                Integer earlier = positions.putIfAbsent(article.id(), position);
                if (earlier != null) {
                    throw new IllegalArgumentException("article id '" + article.id() + "' appears twice, at input"
                            + " positions " + earlier + " and " + position + "; ids must be unique in a batch run");
                }
                RenderedPrompt rendered = prompt.render(article);
                requests.add(article.id(), BatchRequestWriter.line(article.id(), prompt.chatRequest(rendered)));
                BatchArticles.write(stored, article, rendered.truncated());
                position++;
            }
            state.articles = position;
            return requests.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's articles in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The first round's request lines of these articles, copied into new files for the next round. */
    List<Path> writeRetryRound(BatchState state, Path dir, Set<String> ids, int round, BatchEvents events) {
        try (BatchRequestWriter writer = new BatchRequestWriter(dir, "requests-r" + round, maxRequestsPerFile,
                maxBytesPerFile, events::onRequestFile)) {
            for (BatchState.Entry entry : state.batches) {
                if (entry.round == 0) {
                    forEachLine(dir.resolve(entry.requestFile), (id, line) -> {
                        if (ids.contains(id)) {
                            writer.add(id, line);
                        }
                    });
                }
            }
            return writer.finish();
        }
    }

    /**
     * What a request file's batch is expected to cost at most: each request's messages and the response schema
     * counted as prompt tokens, and the classifier's completion estimate, at the model's batch prices.
     */
    double estimateUsd(Path requestFile) {
        CostEstimator costs = prompt.costs();
        TokenCounter tokens = prompt.format().tokenCounter();
        long[] promptTokens = {0};
        long[] requests = {0};
        forEachLine(requestFile, (id, line) -> {
            List<ChatMessage> messages = new ArrayList<>();
            for (JsonNode m : readLine(requestFile, line).path("body").path("messages")) {
                messages.add(new ChatMessage(ChatMessage.Role.valueOf(m.path("role").asText("user").toUpperCase(
                        Locale.ROOT)), m.path("content").asText("")));
            }
            promptTokens[0] += tokens.countMessages(messages) + costs.schemaTokens();
            requests[0]++;
        });
        long completion = requests[0] * costs.completionTokens();
        return prompt.profile().prices().map(p -> p.batch().cost(promptTokens[0], 0, completion)).orElse(0.0);
    }

    /** The {@code custom_id}s of a request file, in order. */
    static List<String> customIds(Path requestFile) {
        List<String> ids = new ArrayList<>();
        forEachLine(requestFile, (id, line) -> ids.add(id));
        return ids;
    }

    private static void forEachLine(Path requestFile, BiConsumer<String, String> action) {
        try (BufferedReader in = Files.newBufferedReader(requestFile, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String id = readLine(requestFile, line).path("custom_id").asText("");
                if (id.isEmpty()) {
                    throw new IllegalStateException(requestFile + " line " + number + ": no custom_id");
                }
                action.accept(id, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + requestFile + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode readLine(Path file, String line) {
        try {
            return SDK_JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a request line of " + file + ": " + e.getMessage(), e);
        }
    }
}
