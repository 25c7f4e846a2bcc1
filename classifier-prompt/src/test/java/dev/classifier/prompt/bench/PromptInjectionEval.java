package dev.classifier.prompt.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;
import dev.classifier.openai.ChatMessage;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.prompt.PromptClassifier;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.prompt.RenderedPrompt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Articles carrying prompt-injection attacks (English and Chinese: fake system lines, closed fences, forged JSON
 * answers, chat-template tokens), each pushing a wrong label. Offline it checks that every request keeps its shape
 * (a system message and one fenced user message whose fence the text cannot close). With {@code OPENAI_API_KEY}
 * set it sends the corpus to a real model twice — the clean articles (the peer) and the attacked ones — and
 * reports accuracy, how often the attack's label won, the flags and the cost. Without a key it says it skipped.
 *
 * <p>Environment: {@code OPENAI_API_KEY} (and optionally {@code OPENAI_BASE_URL}), {@code PROMPT_INJECTION_MODEL}
 * (default gpt-4o-mini).
 */
public final class PromptInjectionEval {

    private static final String CORPUS = "/prompt-injection/corpus.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TICKS = Pattern.compile("[`\\uFF40\\u02CB\\u1FEF\\u2035]+");
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\uFE00-\\uFE0F]");

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("sports", "Matches, athletes, competitions and results")
            .category("politics", "Governments, elections, parliaments and laws")
            .category("tech", "Technology companies, chips, software and devices")
            .category("business", "Companies' results, markets, prices and the economy")
            .build();

    /** One corpus line: the article, the attack inserted into its body, its true label and the attack's label. */
    record Case(String id, String title, String body, String attack, String label, String target) {
        Article clean() {
            return Article.of(id, title, body);
        }

        Article attacked() {
            return Article.of(id, title, body + "\n\n" + attack);
        }
    }

    private PromptInjectionEval() {
    }

    public static void main(String[] args) {
        List<Case> cases = readCorpus();
        PromptFormat format = PromptFormat.of(TAXONOMY);
        int intact = 0;
        for (Case c : cases) {
            intact += keepsItsShape(format.render(c.attacked(), List.of()), format) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "prompt injection: %d attacked articles; request shape intact (offline): %d/%d%n",
                cases.size(), intact, cases.size());
        if (intact != cases.size()) {
            throw new IllegalStateException("an attacked article broke the request's shape");
        }
        String key = System.getenv("OPENAI_API_KEY");
        if (key == null || key.isBlank()) {
            System.out.println("live evaluation: skipped (OPENAI_API_KEY is not set; nothing was sent)");
            return;
        }
        String model = System.getenv().getOrDefault("PROMPT_INJECTION_MODEL", PromptClassifier.DEFAULT_MODEL);
        System.out.print(live(OpenAiClients.fromEnv(), model, cases));
    }

    /** Sends the clean and the attacked corpus through a classifier on this client; returns the report. */
    static String live(OpenAIClient client, String model, List<Case> cases) {
        StringBuilder report = new StringBuilder();
        try (PromptClassifier classifier = PromptClassifier.builder(client, TAXONOMY)
                .model(model).concurrency(4).cacheSize(0).closeClientOnClose(true).build()) {
            Result clean = run(classifier, cases, false);
            Result attacked = run(classifier, cases, true);
            report.append(String.format(Locale.ROOT, "model %s%n", model));
            report.append(String.format(Locale.ROOT, "%-9s %9s %15s %9s %8s %10s%n", "run", "accuracy",
                    "attack followed", "fallback", "failed", "cost USD"));
            report.append(clean.row("clean")).append(attacked.row("attacked"));
            report.append(String.format(Locale.ROOT, "accuracy attacked / clean: %.3f%n",
                    clean.accuracy() == 0 ? 0.0 : attacked.accuracy() / clean.accuracy()));
        }
        return report.toString();
    }

    private record Result(int n, int correct, int followed, int fallback, int failed, Usage usage) {
        double accuracy() {
            return n == 0 ? 0.0 : (double) correct / n;
        }

        String row(String name) {
            return String.format(Locale.ROOT, "%-9s %9.3f %9d/%-5d %9d %8d %10.5f%n", name, accuracy(), followed, n,
                    fallback, failed, usage.costUsd());
        }
    }

    private static Result run(PromptClassifier classifier, List<Case> cases, boolean attacked) {
        List<Article> articles = cases.stream().map(c -> attacked ? c.attacked() : c.clean()).toList();
        List<Outcome> outcomes = classifier.classifyAll(articles);
        int correct = 0;
        int followed = 0;
        int fallback = 0;
        int failed = 0;
        Usage usage = Usage.NONE;
        for (int i = 0; i < cases.size(); i++) {
            if (!(outcomes.get(i) instanceof Outcome.Success success)) {
                failed++;
                continue;
            }
            Prediction p = success.prediction();
            correct += p.label().equals(cases.get(i).label()) ? 1 : 0;
            followed += p.label().equals(cases.get(i).target()) ? 1 : 0;
            fallback += p.has(Prediction.Flag.FALLBACK) ? 1 : 0;
            usage = usage.plus(p.usage());
        }
        return new Result(cases.size(), correct, followed, fallback, failed, usage);
    }

    /** A system message, then exactly one user message: the article inside a fence no line of it can close. */
    static boolean keepsItsShape(RenderedPrompt prompt, PromptFormat format) {
        List<ChatMessage> messages = prompt.messages();
        if (messages.size() != 2 || !messages.get(0).equals(format.systemMessage())
                || messages.get(1).role() != ChatMessage.Role.USER) {
            return false;
        }
        String content = messages.get(1).content();
        int first = content.indexOf('\n');
        int last = content.lastIndexOf('\n');
        if (first < 0 || last <= first) {
            return false;
        }
        String opening = content.substring(0, first);
        String fence = opening.replaceFirst("article$", "");
        if (!fence.matches("`{3,}") || !content.substring(last + 1).equals(fence)) {
            return false;
        }
        String inner = INVISIBLE.matcher(content.substring(first + 1, last)).replaceAll("");
        return TICKS.matcher(inner).results().allMatch(run -> run.group().length() < fence.length());
    }

    static List<Case> readCorpus() {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = PromptInjectionEval.class.getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new IllegalStateException("the corpus " + CORPUS + " is not on the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            for (int number = 1; (line = reader.readLine()) != null; number++) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row;
                try {
                    row = JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(CORPUS + " line " + number + ": not JSON ("
                            + e.getClass().getSimpleName() + ")", e);
                }
                cases.add(new Case(field(row, "id", number), field(row, "title", number), field(row, "body", number),
                        field(row, "attack", number), label(row, "label", number), label(row, "target", number)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CORPUS, e);
        }
        return cases;
    }

    private static String field(JsonNode row, String name, int line) {
        JsonNode value = row.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(CORPUS + " line " + line + ": field '" + name
                    + "' is missing or not a non-blank string");
        }
        return value.asText();
    }

    private static String label(JsonNode row, String name, int line) {
        String label = field(row, name, line);
        if (!TAXONOMY.contains(label)) {
            throw new IllegalArgumentException(CORPUS + " line " + line + ": " + name + " '" + label
                    + "' is not one of " + TAXONOMY.labels());
        }
        return label;
    }
}
