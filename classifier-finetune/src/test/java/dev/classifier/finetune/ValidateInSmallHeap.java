package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link StreamingValidationTest}: {@code validate <file>} validates the file and prints what
 * it found; {@code slurp <file>} reads the file whole and parses every line, the way a non-streaming validator would.
 */
public final class ValidateInSmallHeap {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ValidateInSmallHeap() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        long maxHeapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        if (args[0].equals("slurp")) {
            List<JsonNode> examples = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                examples.add(MAPPER.readTree(line));
            }
            System.out.println("examples=" + examples.size() + " maxHeapMb=" + maxHeapMb);
            return;
        }
        ValidationReport report = DatasetValidator.builder().model(Samples.MODEL).taxonomy(Samples.taxonomy()).build()
                .validate(file);
        System.out.println("examples=" + report.examples() + " errors=" + report.errorCount()
                + " duplicates=" + report.count(ProblemKind.DUPLICATE_EXAMPLE)
                + " billed=" + report.tokens().billedTokensPerEpoch() + " maxHeapMb=" + maxHeapMb);
    }
}
