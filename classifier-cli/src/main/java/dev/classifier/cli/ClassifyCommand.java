package dev.classifier.cli;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.dataset.JsonlReader;
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
        StartupTimes.mark("parsed");
        Io io = root.io();
        Progress progress = new Progress(io, "classify");
        int failed = 0;
        long done = 0;
        try (Classifier classifier = classifierOptions.build(io);
             JsonlReader<Article> articles = Inputs.articles(Optional.ofNullable(input), io);
             PredictionLines out = writer(io)) {
            StartupTimes.mark("opened");
            List<Article> chunk = new ArrayList<>(CHUNK);
            while (articles.hasNext()) {
                chunk.add(articles.next());
                StartupTimes.mark("first read");
                if (chunk.size() == CHUNK || !articles.hasNext()) {
                    failed += write(chunk, classifier.classifyAll(chunk), out);
                    out.flush();
                    StartupTimes.mark("first written");
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

    private PredictionLines writer(Io io) {
        if (output != null) {
            return PredictionLines.toFile(output, scores);
        }
        return PredictionLines.toStream(new NonClosing(io.out()), "<stdout>", scores);
    }

    private static int write(List<Article> articles, List<Outcome> outcomes, PredictionLines out) {
        int failed = 0;
        for (int i = 0; i < articles.size(); i++) {
            String id = articles.get(i).id();
            Outcome outcome = outcomes.get(i);
            if (outcome instanceof Outcome.Success success) {
                out.prediction(id, success.prediction());
            } else if (outcome instanceof Outcome.Failure failure) {
                out.failure(id, failure.error().getMessage());
                failed++;
            }
        }
        return failed;
    }
}
