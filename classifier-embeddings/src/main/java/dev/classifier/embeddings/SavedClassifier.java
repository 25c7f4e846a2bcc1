package dev.classifier.embeddings;

import dev.classifier.api.Classifier;
import dev.classifier.api.TextEmbedder;
import dev.classifier.api.TrainedClassifier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/** Saves an {@link EmbeddingClassifier} in an {@link EmbeddingModelFile} and makes one from such a file. */
final class SavedClassifier {

    private SavedClassifier() {
    }

    static void save(EmbeddingClassifier classifier, Path file) throws IOException {
        Optional<byte[]> companionModel = Optional.empty();
        if (classifier.companion().isPresent()) {
            Classifier companion = classifier.companion().get().classifier();
            if (!LocalCompanionFile.handles(companion)) {
                throw new IllegalStateException("cannot save the embedding classifier to " + file + ": its companion "
                        + companion.getClass().getName() + " has no file format; only the local n-gram model"
                        + " (dev.classifier.local.LocalClassifier) can be saved with it");
            }
            companionModel = Optional.of(LocalCompanionFile.save(companion));
        }
        EmbeddingModelFile.write(file, EmbeddingModelFile.payload(classifier.contents(), companionModel));
    }

    static EmbeddingClassifier load(Path file, TextEmbedder embedder) throws IOException {
        EmbeddingModelFile.Parts parts = EmbeddingModelFile.readParts(file);
        EmbeddingModelFile.Contents contents = EmbeddingModelFile.read(file, parts);
        if (!contents.embedderId().equals(embedder.modelId())) {
            throw new IllegalArgumentException("the embedding classifier in " + file + " was trained with the"
                    + " embedding model '" + contents.embedderId() + "', but the embedder given is '"
                    + embedder.modelId() + "': vectors of different models do not compare. Load it with the model"
                    + " it was trained with, or train it again");
        }
        for (String label : contents.linear().map(LinearModel::labels).orElse(java.util.List.of())) {
            if (!contents.taxonomy().contains(label)) {
                throw new InvalidEmbeddingModelFileException(file, "embedding model file is corrupt: its trained"
                        + " label '" + label + "' is not in its taxonomy " + contents.taxonomy().labels());
            }
        }
        Optional<Companion> companion = Optional.empty();
        if (contents.companion().isPresent()) {
            EmbeddingModelFile.CompanionPart part = contents.companion().get();
            ByteBuffer model = parts.get(EmbeddingModelFile.COMPANION_MODEL).orElseThrow();
            byte[] bytes = new byte[model.remaining()];
            model.get(bytes);
            companion = Optional.of(new Companion(loadCompanion(file, part, bytes), part.weight(), part.temperature()));
        }
        if (contents.spreading().isPresent() && !contents.spreading().get().fits(contents.linear())) {
            throw new InvalidEmbeddingModelFileException(file, "embedding model file is corrupt: the classes of its"
                    + " part '" + EmbeddingModelFile.SPREADING + "' differ from its linear model's");
        }
        return new EmbeddingClassifier(contents.taxonomy(), embedder, contents.linear(), companion, contents.summary(),
                contents.settings().orElse(null), contents.spreading());
    }

    private static TrainedClassifier loadCompanion(Path file, EmbeddingModelFile.CompanionPart part, byte[] bytes)
            throws IOException {
        if (!part.kind().equals(LocalCompanionFile.KIND)) {
            throw new InvalidEmbeddingModelFileException(file, "embedding model file holds a companion of kind '"
                    + part.kind() + "', which this library cannot load");
        }
        TrainedClassifier loaded;
        try {
            loaded = LocalCompanionFile.load(bytes);
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("the embedding classifier in " + file + " blends in the local n-gram"
                    + " model: add dev.classifier:classifier-local to the class path to load it", e);
        } catch (IOException e) {
            throw new InvalidEmbeddingModelFileException(file, "its companion (the local n-gram model) cannot be"
                    + " read: " + e.getMessage(), e);
        }
        if (!loaded.modelVersion().equals(part.version())) {
            loaded.close();
            throw new InvalidEmbeddingModelFileException(file, "embedding model file is corrupt: its companion is"
                    + " model " + loaded.modelVersion() + ", but the file recorded " + part.version());
        }
        return loaded;
    }
}
