package dev.classifier.cli;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.JsonlWriter;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Articles (JSONL) in, one prediction a line out; standard input and output by default, so it pipes. */
final class ClassifyCommand implements Subcommand {

    private static final int CHUNK = 64;
    private static final String INPUT = "--input";
    private static final String OUTPUT = "--output";
    private static final String SCORES = "--scores";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "classify",
                "Classify articles: JSONL in (id, title, body or text), JSONL out (id, label, confidence, flags, model).",
                "  classifier classify -m model.bin < articles.jsonl > predictions.jsonl",
                "  classifier classify --strategy cascade -m model.bin --threshold 0.8 -i articles.jsonl",
                "  OPENAI_API_KEY=... classifier classify --strategy prompt --taxonomy taxonomy.jsonl --store feedback.jsonl",
                "An article that cannot be classified gets {\"id\", \"error\"} and the exit code is 4.");
        ClassifierOptions.addTo(spec);
        spec.addOption(Specs.file("Articles (JSONL); default: standard input.", "-i", INPUT).build());
        spec.addOption(Specs.file("Where the predictions go; default: standard output.", "-o", OUTPUT).build());
        spec.addOption(Specs.flag("Add every label's probability to each line.", SCORES));
        return spec;
    }

    @Override
    public int run(Parsed options, Io io) {
        StartupTimes.mark("parsed");
        Path input = options.path(INPUT);
        Path output = options.path(OUTPUT);
        boolean scores = options.flag(SCORES);
        Progress progress = new Progress(io, "classify");
        int failed = 0;
        long done = 0;
        try (Classifier classifier = ClassifierOptions.from(options).build(io);
             JsonlReader<Article> articles = Inputs.articles(Optional.ofNullable(input), io);
             JsonlWriter<PredictionLines.Line> out = writer(io, output, scores)) {
            StartupTimes.mark("opened");
            List<Article> chunk = new ArrayList<>(CHUNK);
            while (articles.hasNext()) {
                chunk.add(articles.next());
                StartupTimes.mark("first read");
                if (chunk.size() == CHUNK || !articles.hasNext()) {
                    List<Outcome> outcomes = classifier.classifyAll(chunk);
                    StartupTimes.mark("first classified");
                    failed += write(chunk, outcomes, out);
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

    private static JsonlWriter<PredictionLines.Line> writer(Io io, Path output, boolean scores) {
        if (output != null) {
            return PredictionLines.toFile(output, scores);
        }
        return PredictionLines.toStream(new NonClosing(io.out()), "<stdout>", scores);
    }

    private static int write(List<Article> articles, List<Outcome> outcomes, JsonlWriter<PredictionLines.Line> out) {
        int failed = 0;
        for (int i = 0; i < articles.size(); i++) {
            Outcome outcome = outcomes.get(i);
            out.write(new PredictionLines.Line(articles.get(i).id(), outcome));
            if (outcome instanceof Outcome.Failure) {
                failed++;
            }
        }
        return failed;
    }
}
