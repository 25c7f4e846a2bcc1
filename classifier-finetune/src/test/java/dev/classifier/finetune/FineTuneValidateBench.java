package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.RecordDecoder;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * bench/finetune-validate.sh: DatasetValidator on a large generated training file (500 MB by default), timed
 * against its peer in the same JVM, which is the dataset module's streaming reader parsing every line to a JSON tree
 * and nothing more. Rounds alternate peer and validator; the ratio says what the checks, token counts and repeat
 * detection cost on top of reading. The heap is capped by the script, below the file's size.
 * Usage: FineTuneValidateBench <out-dir> [megabytes=500] [rounds=2]
 */
public final class FineTuneValidateBench {

    private FineTuneValidateBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 500;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Files.createDirectories(out);
        Path file = out.resolve("finetune-validate-" + megabytes + "mb.jsonl");
        if (!Files.exists(file) || Files.size(file) < megabytes * 1024 * 1024) {
            long start = System.nanoTime();
            long lines = LargeTrainingFile.write(file, megabytes * 1024 * 1024);
            System.out.printf(Locale.ROOT, "generated %s: %,d lines in %.1f s%n", file, lines, seconds(start));
        }
        double mb = Files.size(file) / (1024.0 * 1024.0);
        long warm = System.nanoTime();
        dev.classifier.openai.TokenCounter.o200k().count("load the vocabulary");
        System.out.printf(Locale.ROOT, "loading o200k_base: %.1f s (once per JVM)%n", seconds(warm));
        DatasetValidator validator = DatasetValidator.builder().model(Samples.MODEL).taxonomy(Samples.taxonomy())
                .build();
        System.out.printf(Locale.ROOT, "file %.0f MB, max heap %d MB, %s%n", mb,
                Runtime.getRuntime().maxMemory() / (1024 * 1024), validator);
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long parsed = parseOnly(file);
            double peer = seconds(start);
            start = System.nanoTime();
            ValidationReport report = validator.validate(file);
            double validated = seconds(start);
            System.out.printf(Locale.ROOT, "round %d: peer (parse only) %.1f s = %.1f MB/s; validator %.1f s = %.1f "
                            + "MB/s; validator/peer = %.2f; %,d lines, %,d examples, %d errors, %,d tokens/epoch, %s%n",
                    round, peer, mb / peer, validated, mb / validated, validated / peer, parsed, report.examples(),
                    report.errorCount(), report.tokens().billedTokensPerEpoch(),
                    report.cost().map(TrainingCost::toString).orElse("no cost"));
        }
        System.out.printf(Locale.ROOT, "heap pools' peaks, summed: %.0f MB (max heap %d MB)%n", peakHeapMb(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static long parseOnly(Path file) {
        long n = 0;
        try (JsonlReader<JsonNode> reader = JsonlReader.builder(RecordDecoder.nodes()).file(file)
                .maxRecordBytes(DatasetValidator.DEFAULT_MAX_LINE_BYTES).build()) {
            while (reader.hasNext()) {
                if (reader.next().has("messages")) {
                    n++;
                }
            }
        }
        return n;
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024.0 * 1024.0);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
