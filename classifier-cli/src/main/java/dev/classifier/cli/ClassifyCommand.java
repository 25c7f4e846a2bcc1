package dev.classifier.cli;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.JsonlWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Articles (JSONL) in, one prediction a line out; standard input and output by default, so it pipes. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify articles: JSONL in (id, title, body or text), JSONL out (id, label, confidence, flags, model).",
        footerHeading = "%nExamples:%n",
        footer = {"  classifier classify -m model.bin < articles.jsonl > predictions.jsonl",
                "  classifier classify --strategy cascade -m model.bin --threshold 0.8 -i articles.jsonl",
                "  OPENAI_API_KEY=... classifier classify --strategy prompt --taxonomy taxonomy.jsonl --store feedback.jsonl",
                "An article that cannot be classified gets {\"id\", \"error\"} and the exit code is 4."})
final class ClassifyCommand implements Callable<Integer> {

    private static final int CHUNK = 64;

    @ParentCommand
    ClassifierCli root;

    @Mixin
    ClassifierOptions classifierOptions;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Articles (JSONL); default: standard input.")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where the predictions go; default: standard output.")
    Path output;

    @Option(names = "--scores", description = "Add every label's probability to each line.")
    boolean scores;

    @Override
    public Integer call() throws Exception {
        Io io = root.io();
        Progress progress = new Progress(io, "classify");
        int failed = 0;
        long done = 0;
        try (Classifier classifier = classifierOptions.build(io);
             JsonlReader<Article> articles = Inputs.articles(Optional.ofNullable(input), io);
             JsonlWriter<JsonNode> out = writer(io)) {
            List<Article> chunk = new ArrayList<>(CHUNK);
            while (articles.hasNext()) {
                chunk.add(articles.next());
                if (chunk.size() == CHUNK || !articles.hasNext()) {
                    failed += write(chunk, classifier.classifyAll(chunk), out);
                    out.flush();
                    done += chunk.size();
                    if (output == null && io.out().checkError()) {
                        return ExitCodes.OK;   // the reader went away (`| head`): stop paying for answers nobody reads
                    }
                    progress.update(done, 0);
                    chunk.clear();
                }
            }
        } finally {
            progress.finish();
        }
        if (failed > 0) {
            io.err().println("classifier: " + failed + " of " + done + " articles could not be classified (see their \"error\")");
            return ExitCodes.CLASSIFICATION_FAILED;
        }
        return ExitCodes.OK;
    }

    private JsonlWriter<JsonNode> writer(Io io) {
        JsonlWriter.Builder<JsonNode> builder = JsonlWriter.builder(node -> node);
        if (output != null) {
            return builder.file(output).build();
        }
        return builder.output(new NonClosing(io.out()), "<stdout>").build();
    }

    private int write(List<Article> articles, List<Outcome> outcomes, JsonlWriter<JsonNode> out) {
        int failed = 0;
        for (int i = 0; i < articles.size(); i++) {
            ObjectNode line = JsonNodeFactory.instance.objectNode().put("id", articles.get(i).id());
            Outcome outcome = outcomes.get(i);
            if (outcome instanceof Outcome.Success success) {
                describe(success.prediction(), line);
            } else if (outcome instanceof Outcome.Failure failure) {
                line.put("error", failure.error().getMessage());
                failed++;
            }
            out.write(line);
        }
        return failed;
    }

    private void describe(Prediction prediction, ObjectNode line) {
        line.put("label", prediction.label());
        line.put("confidence", Math.round(prediction.confidence() * 10_000) / 10_000.0);
        prediction.flags().forEach(flag -> line.withArray("flags").add(flag.name()));
        line.put("model", prediction.model());
        if (!prediction.reason().isEmpty()) {
            line.put("reason", prediction.reason());
        }
        if (scores) {
            ObjectNode all = line.putObject("scores");
            prediction.scores().forEach((label, p) -> all.put(label, Math.round(p * 10_000) / 10_000.0));
        }
    }
}
