package dev.classifier.local.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The five few-shot draws of a size: the seed-42 file beside the splits, then seeds 1-4 in fewshot_draws. */
final class FewShotFiles {

    static final int[] SIZES = {8, 32, 128};

    private FewShotFiles() {
    }

    static List<Path> draws(Path dataDir, String dataset, int k) {
        List<Path> files = new ArrayList<>();
        files.add(dataDir.resolve(dataset).resolve("train_k" + k + ".jsonl"));
        for (int seed = 1; seed <= 4; seed++) {
            files.add(dataDir.resolve("fewshot_draws").resolve(dataset).resolve("train_k" + k + "_s" + seed + ".jsonl"));
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("missing few-shot file " + file);
            }
        }
        return files;
    }
}
