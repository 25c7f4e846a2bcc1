package dev.classifier.dataset.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.JsonlWriter;
import dev.classifier.dataset.LabeledSets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads one generated labelled set (Chinese and English rows) with {@link JsonlReader} and with the peer, Jackson's
 * own {@link MappingIterator} over the file building the same {@link LabeledArticle}s, alternately in one JVM.
 * Run under a heap much smaller than the file (bench/dataset-jsonl-read.sh uses -Xmx64m) it also shows that both
 * stream. Arguments: [megabytes, default 100] [rounds, default 3; a first warm-up round is not counted].
 */
public final class JsonlReadBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("jsonl-bench");
        Path file = dir.resolve("generated.jsonl");
        try {
            long rows = generate(file, megabytes * 1024L * 1024L);
            double fileMb = Files.size(file) / (1024.0 * 1024.0);
            System.out.printf(Locale.ROOT, "file: %.1f MB, %,d rows; max heap %d MB%n", fileMb, rows,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
            double oursTotal = 0;
            double peerTotal = 0;
            for (int round = 0; round <= rounds; round++) {
                double peer = time(() -> readWithMappingIterator(file), rows);
                double ours = time(() -> readWithJsonlReader(file), rows);
                String what = round == 0 ? "warm-up" : "round " + round;
                System.out.printf(Locale.ROOT, "%-8s JsonlReader %6.1f MB/s   MappingIterator (peer) %6.1f MB/s%n",
                        what, fileMb / ours, fileMb / peer);
                if (round > 0) {
                    oursTotal += ours;
                    peerTotal += peer;
                }
            }
            System.out.printf(Locale.ROOT, "JsonlReader / MappingIterator throughput ratio: %.2f (over %d rounds)%n",
                    peerTotal / oursTotal, rounds);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private interface Read {
        long rows() throws IOException;
    }

    /** Seconds taken, after checking that all rows were read. */
    private static double time(Read read, long expectedRows) throws IOException {
        long start = System.nanoTime();
        long rows = read.rows();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (rows != expectedRows) {
            throw new IllegalStateException("read " + rows + " rows, expected " + expectedRows);
        }
        return seconds;
    }

    private static long readWithJsonlReader(Path file) {
        long rows = 0;
        try (JsonlReader<LabeledArticle> reader = LabeledSets.reader().file(file).build()) {
            while (reader.hasNext()) {
                rows += reader.next().label().isEmpty() ? 0 : 1;
            }
        }
        return rows;
    }

    private static long readWithMappingIterator(Path file) throws IOException {
        long rows = 0;
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                String body = node.has("text") ? node.get("text").asText() : node.path("body").asText();
                LabeledArticle row = new LabeledArticle(
                        Article.of(node.get("id").asText(), node.path("title").asText(), body),
                        node.get("label").asText());
                rows += row.label().isEmpty() ? 0 : 1;
            }
        }
        return rows;
    }

    private static long generate(Path file, long bytes) {
        String[] labels = {"finance", "sports", "science", "Sci/Tech", "World"};
        long rows = 0;
        try (JsonlWriter<LabeledArticle> writer = JsonlWriter.builder(LabeledSets.encoder()).file(file).build()) {
            long written = 0;
            while (written < bytes) {
                String title = rows % 2 == 0 ? "央行宣布降息 第" + rows + "期" : "Central bank cuts rates, part " + rows;
                String body = rows % 2 == 0
                        ? "中国人民银行今日宣布下调贷款市场报价利率，市场普遍预期此举将支持经济增长。".repeat(3)
                        : "The central bank cut its benchmark rate on Tuesday, citing slowing growth. ".repeat(3);
                writer.write(new LabeledArticle(Article.of("row-" + rows, title, body), labels[(int) (rows % 5)]));
                written += title.length() * (rows % 2 == 0 ? 3 : 1) + body.length() * (rows % 2 == 0 ? 3 : 1) + 60;
                rows++;
            }
        }
        return rows;
    }
}
