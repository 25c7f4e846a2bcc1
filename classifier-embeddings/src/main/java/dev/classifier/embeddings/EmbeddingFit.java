package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.api.Trainer;
import dev.classifier.embeddings.EmbeddingClassifier.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link EmbeddingTrainer}'s fitting, once the examples are embedded: the description prototypes, the held-out
 * search of the settings (remembered between trainings, see {@link SettingsMemory}), the linear model, the local
 * companion and, with a pool, label spreading ({@link SpreadingChoice}).
 */
final class EmbeddingFit {

    // Under the trainer's name: what users set levels for.
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingTrainer.class);

    private final TextEmbedder embedder;
    private final Taxonomy taxonomy;
    private final Method method;
    private final int folds;
    private final long seed;
    private final int maxIterations;
    private final Trainer companionTrainer;
    private final boolean descriptionPrior;
    private final Map<String, List<String>> phrases;
    private final String instruction;
    /** The last search's settings: reused on small changes, kept unless beaten on larger ones. */
    private final SettingsMemory memory = new SettingsMemory();

    /** {@code companionTrainer}: null for none; {@code instruction}: put before each description text. */
    EmbeddingFit(TextEmbedder embedder, Taxonomy taxonomy, Method method, int folds, long seed, int maxIterations,
                 Trainer companionTrainer, boolean descriptionPrior, Map<String, List<String>> phrases,
                 String instruction) {
        this.embedder = embedder;
        this.taxonomy = taxonomy;
        this.method = method;
        this.folds = folds;
        this.seed = seed;
        this.maxIterations = maxIterations;
        this.companionTrainer = companionTrainer;
        this.descriptionPrior = descriptionPrior;
        this.phrases = phrases;
        this.instruction = instruction;
    }

    /** Trains on examples (and pool articles) whose vectors from the embedder are known already. */
    EmbeddingClassifier fit(List<LabeledArticle> examples, List<float[]> vectors, Map<String, Integer> dropped,
                            List<Article> poolArticles, List<float[]> poolVectors) {
        Map<String, Integer> perLabel = new LinkedHashMap<>();
        examples.forEach(example -> perLabel.merge(example.label(), 1, Integer::sum));
        // The fallback's description says only that nothing else fits: it gets no prototype, only its examples.
        List<String> classes = taxonomy.labels().stream().filter(label -> perLabel.containsKey(label)
                || (descriptionPrior && !label.equals(taxonomy.fallback()))).toList();
        float[][] x = new float[examples.size()][];
        int[] y = new int[examples.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = unit(vectors.get(i));
            y[i] = classes.indexOf(examples.get(i).label());
        }
        float[][] prior = null;
        if (descriptionPrior) {
            Prototypes prototypes = Prototypes.of(taxonomy, phrases, instruction, embedder);
            int dimension = prototypes.vectors()[0].length;
            prior = classes.stream().map(label -> prototypes.labels().contains(label) ? prototypes.of(label)
                    : new float[dimension]).toArray(float[][]::new);
        }
        float[][] pool = poolVectors.stream().map(EmbeddingFit::unit).toArray(float[][]::new);
        SpreadingRows graph = SpreadingRows.of(x, examples.stream().map(e -> e.article().text()).toList(), pool,
                poolArticles.stream().map(Article::text).toList(), SpreadingRows.MAX_ROWS, seed);
        List<String> ids = examples.stream().map(e -> e.article().id()).toList();
        int[] foldOf = Folds.assign(ids, y, classes.size(), folds, seed);
        int[] blendFoldOf = Folds.assignEvery(ids, y, classes.size(), folds, seed);
        Trainer companionOrNone = perLabel.size() >= 2 ? companionTrainer : null;
        TrainingSettings settings;
        Map<Method, Double> heldOut;
        if (foldOf.length == 0) {
            settings = TrainingSettings.defaults(method, prior != null, examples.size());
            heldOut = Map.of();
        } else {
            HeldOutSearch.Data data = new HeldOutSearch.Data(examples, classes, x, y, foldOf, blendFoldOf, prior,
                    poolArticles, pool);
            HeldOutSearch.Result result = memory.settingsFor(examples.size(), previous -> {
                HeldOutSearch.Result searched = new HeldOutSearch(method, maxIterations, companionOrNone, taxonomy)
                        .search(data, previous);
                if (graph.poolRows() == 0) {
                    return searched; // no pool, no graph: nothing to spread over, no cost
                }
                SpreadingChoice.Choice choice = SpreadingChoice.choose(graph, y, classes.size(),
                        searched.probabilities(), previous == null ? Double.NaN : previous.spreadWeight(),
                        previous == null ? 0 : previous.wordingWeight());
                return new HeldOutSearch.Result(searched.settings().withSpreading(choice.weight(), choice.wording()),
                        searched.heldOut(), searched.probabilities());
            });
            settings = result.settings();
            heldOut = result.heldOut();
        }
        EmbeddingTrainer.Config config = new EmbeddingTrainer.Config(settings.method(), settings.l2());
        HeldOutSearch.Built built = HeldOutSearch.build(classes, x, y, prior, pool, config, settings.priorWeight(),
                settings.pool(), maxIterations);
        LinearModel linear = built.model();
        int pseudoLabelled = built.pseudoLabelled();
        Optional<Companion> companion = Optional.empty();
        if (settings.companionWeight() > 0 && companionOrNone != null) {
            List<LabeledArticle> rows = examples;
            if (settings.pool().teachesCompanion() && pool.length > 0) {
                // The pool's inferred labels teach the companion (and may move the centres) here, nowhere else.
                rows = new ArrayList<>(examples);
                CentreRefinement.Selection pseudo;
                try (Classifier first = companionOrNone.train(examples, taxonomy)) {
                    pseudo = CoTraining.pseudoLabelled(classes, built.model(), settings.temperature(),
                            first, poolArticles, pool, companionOrNone, taxonomy, examples);
                }
                rows.addAll(CoTraining.rows(classes, poolArticles, pseudo));
                if (settings.pool().coTrainsCentres()) {
                    linear = HeldOutSearch.coTrained(classes, x, y, prior, pool, config, settings.priorWeight(),
                            pseudo, maxIterations);
                    pseudoLabelled = pseudo.rows().length;
                }
            }
            companion = Optional.of(new Companion(companionOrNone.train(rows, taxonomy),
                    settings.companionWeight(), settings.combinedTemperature()));
        }
        LinearModel model = linear.withTemperature(settings.temperature());
        Optional<SpreadScores> spreading = Optional.empty();
        if (settings.spreadWeight() > 0 && graph.poolRows() > 0) {
            // The examples' labels spread over them and the pool: the pool's scores stay inside the model.
            spreading = Optional.of(SpreadScores.train(classes, graph, y, settings.spreadWeight(),
                    settings.wordingWeight()));
        } else if (settings.spreadWeight() > 0) {
            settings = settings.withSpreading(0, 0); // reused settings, but no pool (or no room for one) this time
        }
        settings = settings.withPseudoLabelled(pseudoLabelled);
        TrainingSummary summary = new TrainingSummary(settings.method(), examples.size(), perLabel, dropped,
                heldOut, settings.l2(), settings.temperature(), companion.isPresent() ? settings.companionWeight() : 0);
        LOG.debug("Trained {} with {}", summary, settings);
        return new EmbeddingClassifier(taxonomy, embedder, Optional.of(model), companion, summary, settings,
                spreading);
    }

    private static float[] unit(float[] vector) {
        float[] copy = vector.clone();
        OnnxTextEmbedder.normalise(copy);
        return copy;
    }
}
