package dev.classifier.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an example's main class in a child JVM, as a user would, in a directory of the test's choosing. */
final class ChildJvm {

    /** Variables that would point a child at OpenAI: removed unless a test sets them. */
    private static final List<String> OPENAI_VARIABLES = List.of("OPENAI_API_KEY", "OPENAI_BASE_URL",
            "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "AZURE_OPENAI_KEY");

    /** What a run printed. */
    record Run(int exitCode, String stdout, String stderr) {

        /** Everything the run printed, stdout then stderr. */
        String output() {
            return stdout + stderr;
        }
    }

    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} with the test's class path in {@code workDir}, without an OpenAI key in its
     * environment.
     */
    static Run run(Class<?> mainClass, Path workDir, String... jvmOptions) throws IOException, InterruptedException {
        return run(mainClass.getName(), List.of(), workDir, Map.of(), List.of(jvmOptions));
    }

    /**
     * Runs {@code mainClass} with these arguments, the test's class path and these JVM options in {@code workDir},
     * with no OpenAI settings in its environment but those given.
     */
    static Run run(String mainClass, List<String> args, Path workDir, Map<String, String> environment,
                   List<String> jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        Path stdout = Files.createTempFile("child-stdout", ".txt");
        Path stderr = Files.createTempFile("child-stderr", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            OPENAI_VARIABLES.forEach(builder.environment()::remove);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not finish within 3 minutes");
            }
            return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
