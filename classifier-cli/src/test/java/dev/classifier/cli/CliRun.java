package dev.classifier.cli;

import dev.classifier.testkit.SampleNews;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the tool in process and keeps what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        return run("", Map.of(), false, args);
    }

    static CliRun withStdin(String stdin, String... args) {
        return run(stdin, Map.of(), false, args);
    }

    static CliRun run(String stdin, Map<String, String> env, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal, env);
        int code = ClassifierCli.run(io, args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Copies a sample file (SampleNews) into the directory. */
    static Path sample(Path dir, String name) {
        Path target = dir.resolve(name);
        try (InputStream in = SampleNews.open(name)) {
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
}
