package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import com.openai.core.MultipartField;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import dev.classifier.api.ClassificationException;
import dev.classifier.openai.OpenAiCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Uploads a training file and waits until the service has processed it. An upload whose answer was lost (a 5xx, a
 * dropped connection) may have arrived: before sending it again, the files are searched for one of its name and
 * size uploaded since, so the service does not keep two copies.
 */
final class Uploads {

    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);
    /** Uploads made this long before the first attempt are not taken for it (clocks differ a little). */
    private static final long CLOCK_SLACK_SECONDS = 60;

    private final FineTuning fineTuning;
    private final OpenAIClient client;

    Uploads(FineTuning fineTuning) {
        this.fineTuning = fineTuning;
        this.client = fineTuning.client();
    }

    UploadedFile upload(Path file) {
        long bytes = size(file);
        String name = file.getFileName().toString();
        if (bytes > FineTuning.MAX_UPLOAD_BYTES) {
            throw new UploadRejectedException(file + " is " + bytes + " bytes; the service takes at most "
                    + FineTuning.MAX_UPLOAD_BYTES + " per file", Optional.of("file"), Optional.empty());
        }
        Instant started = fineTuning.clock.instant();
        AtomicBoolean mayHaveArrived = new AtomicBoolean();
        OpenAiCalls.Call call = OpenAiCalls.Call.of("uploading " + file).refinedBy(FineTuningErrors.upload(file));
        FileObject uploaded = fineTuning.calls().run(call,
                failure -> {
                    if (FineTuningErrors.unclear(failure.error())) {
                        mayHaveArrived.set(true);
                    }
                },
                attempt -> {
                    if (mayHaveArrived.get()) {
                        Optional<FileObject> earlier = findUpload(name, bytes, started);
                        if (earlier.isPresent()) {
                            return earlier.get();
                        }
                    }
                    try (InputStream in = Files.newInputStream(file)) {
                        return client.files().create(FileCreateParams.builder()
                                .file(MultipartField.<InputStream>builder().value(in).filename(name).build())
                                .purpose(FilePurpose.FINE_TUNE).build());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + file, e);
                    }
                });
        LOG.info("uploaded {} as {} ({} bytes)", name, uploaded.id(), bytes);
        return awaitProcessed(uploaded);
    }

    /** A file of this name and size uploaded since the first attempt: the attempt whose answer was lost. */
    private Optional<FileObject> findUpload(String name, long bytes, Instant since) {
        FileListParams params = FileListParams.builder().purpose("fine-tune").limit(100L).build();
        OpenAiCalls.Call call = OpenAiCalls.Call.of("looking for an upload of " + name + " that may have arrived"
                + " (not sending it again until that is known)");
        for (FileObject f : fineTuning.calls().run(call, attempt -> client.files().list(params)).data()) {
            if (f.filename().equals(name) && f.bytes() == bytes
                    && !Instant.ofEpochSecond(f.createdAt()).isBefore(since.minusSeconds(CLOCK_SLACK_SECONDS))) {
                LOG.info("found the upload of {} whose answer was lost: {}", name, f.id());
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * Polls the file until it is processed. A poll that fails for a passing reason is followed by the next one
     * (one attempt each: the next poll is the retry) until the upload time-out.
     */
    @SuppressWarnings("deprecation") // the file's status is deprecated in the API, yet it is what says "processed"
    private UploadedFile awaitProcessed(FileObject file) {
        Instant deadline = fineTuning.clock.instant().plus(fineTuning.uploadTimeout);
        FileObject current = file;
        while (true) {
            String status = current.status().asString();
            if (status.equals("processed")) {
                return new UploadedFile(current.id(), current.filename(), current.bytes(),
                        Instant.ofEpochSecond(current.createdAt()));
            }
            if (status.equals("error")) {
                throw new UploadRejectedException("the service could not process " + current.filename() + " ("
                        + current.id() + "); its account of the file's problems is in serviceDetails(), and"
                        + " DatasetValidator checks a file the way the service does", Optional.of("file"),
                        current.statusDetails());
            }
            if (!fineTuning.clock.instant().isBefore(deadline)) {
                throw new AwaitTimeoutException("file " + current.id() + " was still '" + status + "' after "
                        + fineTuning.uploadTimeout, Optional.empty());
            }
            fineTuning.sleep(fineTuning.uploadPollInterval);
            String id = current.id();
            try {
                current = fineTuning.polls().run(OpenAiCalls.Call.of("checking upload " + id),
                        attempt -> client.files().retrieve(id));
            } catch (ClassificationException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
                LOG.warn("checking upload {} failed ({}); polling on", id, e.getClass().getSimpleName());
            }
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
