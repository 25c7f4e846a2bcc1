package dev.classifier.embeddings;

import dev.classifier.api.TextEmbedder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingCacheTest {

    @TempDir
    Path dir;

    private final HashingEmbedder model = new HashingEmbedder();

    @Test
    void storesVectorsAcrossReopeningKeyedByModelAndText() {
        Path file = dir.resolve("sub/cache.bin");
        float[] vector = model.embed("央行宣布降准");
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            cache.put(model.modelId(), "央行宣布降准", vector);
            assertThat(cache.get(model.modelId(), "央行宣布降准")).hasValueSatisfying(v -> assertThat(v).isEqualTo(vector));
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            assertThat(cache.size()).isEqualTo(1);
            assertThat(cache.get(model.modelId(), "央行宣布降准")).hasValueSatisfying(v -> assertThat(v).isEqualTo(vector));
            assertThat(cache.get("another-model", "央行宣布降准")).isEmpty();
            assertThat(cache.get(model.modelId(), "央行宣布降息")).isEmpty();
        }
    }

    @Test
    void wrappedEmbedderEmbedsEachTextOnceEvenAcrossRuns() {
        Path file = dir.resolve("cache.bin");
        List<String> texts = List.of("Stocks rally", "股市大涨", "Stocks rally", "Cup final tonight");
        List<float[]> first;
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            TextEmbedder cached = cache.wrap(model);
            first = cached.embedAll(texts);
            assertThat(model.embedded.get()).as("the duplicate is embedded once").isEqualTo(3);
            assertThat(cached.embed("股市大涨")).isEqualTo(first.get(1));
            assertThat(model.embedded.get()).isEqualTo(3);
            assertThat(cached.modelId()).isEqualTo(model.modelId());
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            List<float[]> again = cache.wrap(model).embedAll(texts);
            assertThat(model.embedded.get()).as("nothing embedded after reopening").isEqualTo(3);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(again.get(i)).isEqualTo(first.get(i));
            }
        }
    }

    @Test
    void tornLastRecordIsCutOffAndTheCacheStaysUsable() throws IOException {
        Path file = dir.resolve("cache.bin");
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            cache.put(model.modelId(), "one", model.embed("one"));
            cache.put(model.modelId(), "two", model.embed("two"));
        }
        long whole = Files.size(file);
        // A crash in the middle of an append leaves part of a record behind.
        Files.write(file, new byte[] {0, 0, 1, 36, 7, 7, 7, 7, 7, 7, 7}, StandardOpenOption.APPEND);
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            assertThat(cache.size()).isEqualTo(2);
            assertThat(Files.size(file)).isEqualTo(whole);
            cache.put(model.modelId(), "three", model.embed("three"));
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            assertThat(cache.size()).isEqualTo(3);
            assertThat(cache.get(model.modelId(), "three")).hasValueSatisfying(
                    v -> assertThat(v).isEqualTo(model.embed("three")));
        }
    }

    @Test
    void aTornLargerRecordAfterASmallerOneIsCutOffAtEveryLength() throws IOException {
        // A crash right after switching from a 384-d model to a 512-d one: the torn record is larger than the
        // one before it, and every prefix of it must still open (issue 15, item 6).
        Path whole = dir.resolve("whole.bin");
        float[] small = vector(384, 1);
        float[] large = vector(512, 2);
        try (EmbeddingCache cache = EmbeddingCache.open(whole)) {
            cache.put("model-384", "first", small);
            cache.put("model-384", "second", small);
        }
        long before = Files.size(whole);
        try (EmbeddingCache cache = EmbeddingCache.open(whole)) {
            cache.put("model-512", "third", large);
        }
        byte[] bytes = Files.readAllBytes(whole);
        assertThat(bytes.length - before).isEqualTo(EmbeddingCache.recordBytes(512));
        for (int tail = 1; tail < EmbeddingCache.recordBytes(512); tail++) {
            Path torn = dir.resolve("torn-" + tail + ".bin");
            Files.write(torn, java.util.Arrays.copyOf(bytes, (int) before + tail));
            try (EmbeddingCache cache = EmbeddingCache.open(torn)) {
                assertThat(cache.size()).as("tail of %d bytes", tail).isEqualTo(2);
                assertThat(cache.get("model-384", "second")).as("tail of %d bytes", tail)
                        .hasValueSatisfying(v -> assertThat(v).isEqualTo(small));
                assertThat(cache.get("model-512", "third")).isEmpty();
            }
            assertThat(Files.size(torn)).as("tail of %d bytes cut off", tail).isEqualTo(before);
            Files.delete(torn);
        }
    }

    @Test
    void anAllZeroTailLongerThanAnyRecordSoFarIsATornAppend() throws IOException {
        Path file = dir.resolve("cache.bin");
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            cache.put("model-384", "first", vector(384, 1));
        }
        long before = Files.size(file);
        // The file system extended the file for a 512-d record, but none of its bytes arrived.
        Files.write(file, new byte[EmbeddingCache.recordBytes(512) - 3], StandardOpenOption.APPEND);
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            assertThat(cache.size()).isEqualTo(1);
        }
        assertThat(Files.size(file)).isEqualTo(before);
    }

    private static float[] vector(int dimension, int seed) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) Math.sin(seed * 31.0 + i);
        }
        return v;
    }

    @Test
    void damageBeforeTheLastRecordFailsNamingTheFileAndOffset() throws IOException {
        Path file = dir.resolve("cache.bin");
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            for (String text : List.of("a", "b", "c", "d")) {
                cache.put(model.modelId(), text, model.embed(text));
            }
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            long inFirstVector = 12 + 4 + 32 + 4 + 10; // header, length, key, dimension, into the floats
            raw.seek(inFirstVector);
            int b = raw.read();
            raw.seek(inFirstVector);
            raw.write(b ^ 0x40);
        }
        assertThatThrownBy(() -> EmbeddingCache.open(file))
                .isInstanceOf(EmbeddingCacheCorruptException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("checksum")
                .hasMessageContaining("at byte 12 (record 1)");
    }

    @Test
    void aLastRecordThatFailsItsChecksumIsTakenForATornWrite() throws IOException {
        Path file = dir.resolve("cache.bin");
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            cache.put(model.modelId(), "a", model.embed("a"));
            cache.put(model.modelId(), "b", model.embed("b"));
        }
        long size = Files.size(file);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            // The file system extended the file, but the last record's bytes never arrived whole.
            raw.seek(size - 20);
            raw.write("sixteen bytes!!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            assertThat(cache.size()).isEqualTo(1);
            assertThat(cache.get(model.modelId(), "a")).isPresent();
            assertThat(cache.get(model.modelId(), "b")).isEmpty();
        }
    }

    @Test
    void aFileThatIsNoCacheIsRefusedByName() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "just some notes, not vectors");
        assertThatThrownBy(() -> EmbeddingCache.open(file))
                .isInstanceOf(EmbeddingCacheCorruptException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("EMBCACHE");
    }

    @Test
    void oneOpenAtATime() {
        Path file = dir.resolve("cache.bin");
        try (EmbeddingCache cache = EmbeddingCache.open(file)) {
            assertThatThrownBy(() -> EmbeddingCache.open(file))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
            // The refused open leaves the first one working.
            cache.put("m", "a", new float[] {1});
            assertThat(cache.get("m", "a")).hasValueSatisfying(v -> assertThat(v).containsExactly(1f));
        }
    }

    @Test
    void rejectsMismatchedInput() {
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("cache.bin"))) {
            assertThatThrownBy(() -> cache.putAll("m", List.of("a", "b"), List.of(new float[] {1})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 texts but 1 vectors");
            assertThatThrownBy(() -> cache.put("m", "a", new float[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
        }
    }
}
