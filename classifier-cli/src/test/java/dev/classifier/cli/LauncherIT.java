package dev.classifier.cli;

import dev.classifier.testkit.SampleNews;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher script ({@code src/main/sh/classifier}) over the packaged jar and {@code lib/}, as a user runs it: in
 * {@code verify}, after {@code package}. Checks what it does, never how fast.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("src/main/sh/classifier").toAbsolutePath();
    private static final Path JAR = Path.of("target/classifier-cli.jar").toAbsolutePath();

    @TempDir
    Path dir;
    Path cache;
    Path model;
    Path articles;

    @BeforeEach
    void model() throws Exception {
        cache = dir.resolve("cache");
        articles = CliRun.sample(dir, SampleNews.ARTICLES);
        model = dir.resolve("a model with spaces.bin");
        Run train = run(Map.of("XDG_CACHE_HOME", cache.toString()), "train",
                "--data", CliRun.sample(dir, SampleNews.FEEDBACK).toString(),
                "--taxonomy", CliRun.sample(dir, SampleNews.TAXONOMY).toString(), "-o", model.toString());
        assertThat(train.code()).as(train.err()).isZero();
    }

    @Test
    void theFirstRunWritesAnArchiveThatTheNextRunsMapAndTheAnswersAreThoseOfJavaJar() throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        Run first = run(env, "classify", "-m", model.toString(), "-i", articles.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Path archive = archive("classify");

        // -Xshare:on makes the JVM stop instead of running without the archive: this run maps it.
        Run second = run(Map.of("XDG_CACHE_HOME", cache.toString(), "JAVA_OPTS", "-Xshare:on"),
                "classify", "-m", model.toString(), "-i", articles.toString());
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.out().lines()).hasSize(88);

        Process plain = new ProcessBuilder("java", "-jar", JAR.toString(), "classify", "-m", model.toString(),
                "-i", articles.toString()).redirectErrorStream(false).start();
        String plainOut = new String(plain.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(plain.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.out()).isEqualTo(plainOut);
        assertThat(second.err()).isEmpty();
        assertThat(archive).isRegularFile();
    }

    @Test
    void aNewerJarGetsANewArchive() throws Exception {
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        assertThat(run(env, "models").code()).isZero();
        Path archive = archive("models");
        FileTime written = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3_600)));
        FileTime jarTime = Files.getLastModifiedTime(JAR);
        try {
            Files.setLastModifiedTime(JAR, FileTime.from(Instant.now().minusSeconds(60)));
            assertThat(run(env, "models").code()).isZero();
            assertThat(Files.getLastModifiedTime(archive)).as("written again after the jar changed")
                    .isGreaterThan(FileTime.from(Instant.now().minusSeconds(600)));
            Files.setLastModifiedTime(archive, written);
        } finally {
            Files.setLastModifiedTime(JAR, jarTime);
        }
    }

    @Test
    void withoutAHomeItRunsWithoutAnArchiveAndBadInputKeepsItsExitCode() throws Exception {
        Run noHome = run(Map.of(), "classify", "-m", model.toString(), "-i", articles.toString());
        assertThat(noHome.code()).as(noHome.err()).isZero();
        assertThat(noHome.out().lines()).hasSize(88);
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.map(Path::toString)).as("only train's archive (the set-up's)")
                    .noneMatch(name -> name.endsWith("-classify.jsa"));
        }

        Run missing = run(Map.of("XDG_CACHE_HOME", cache.toString()), "classify", "-m", dir.resolve("no.bin").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("no.bin").doesNotContain("\tat ");
        assertThat(missing.out()).isEmpty();
    }

    /** The archive the launcher keeps for this command: one file, named after the jar's path. */
    private Path archive(String command) throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            List<Path> archives = files.filter(file -> file.getFileName().toString().endsWith("-" + command + ".jsa"))
                    .toList();
            assertThat(archives).hasSize(1);
            assertThat(archives.get(0).toString()).contains(JAR.toString());
            return archives.get(0);
        }
    }

    /** Runs the launcher with only PATH, JAVA_HOME and these variables in its environment; stdin is empty. */
    private Run run(Map<String, String> variables, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(emptyFile().toFile()));
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        String javaHome = System.getProperty("java.home");
        env.clear();
        env.put("PATH", path);
        env.put("JAVA_HOME", javaHome);
        env.put("CLASSIFIER_JAR", JAR.toString());
        env.putAll(variables);
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private Path emptyFile() {
        try {
            Path empty = dir.resolve("empty");
            return Files.exists(empty) ? empty : Files.createFile(empty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Run(int code, String out, String err) {
    }
}
