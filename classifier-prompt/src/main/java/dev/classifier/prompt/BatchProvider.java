package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponse;
import com.openai.models.batches.Batch;
import com.openai.models.batches.BatchCreateParams;
import com.openai.models.files.FileCreateParams;
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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The Batch API calls of a batch run — upload a request file, create, watch and cancel a batch, download and
 * delete files — each through the OpenAI layer's {@link OpenAiCalls}: its error mapping (typed exceptions, no
 * provider wording, no SDK exception kept for refused credentials), its retries (Retry-After honoured; never an
 * exhausted quota, 401 or 403) and its circuit breaker. An upload builds its request anew for each attempt, since
 * a file part can be read only once.
 */
final class BatchProvider {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProvider.class);

    private final OpenAIClient client;
    private final OpenAiCalls calls;

    /** Calls on this client, which must have the SDK's retries off (the layer retries). */
    BatchProvider(OpenAIClient client, OpenAiCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    /** Uploads a request file (purpose {@code batch}); returns its file id. */
    String upload(Path file) {
        return calls.run("uploading " + file.getFileName(), attempt -> client.files().create(
                FileCreateParams.builder().file(file).purpose(FilePurpose.BATCH).build()).id());
    }

    /** Creates the batch of an uploaded request file (window 24h), tagged with its file and round. */
    String create(String inputFileId, String requestFile, int round) {
        BatchCreateParams params = BatchCreateParams.builder()
                .inputFileId(inputFileId)
                .endpoint(BatchCreateParams.Endpoint.V1_CHAT_COMPLETIONS)
                .completionWindow(BatchCreateParams.CompletionWindow._24H)
                .metadata(BatchCreateParams.Metadata.builder()
                        .putAdditionalProperty("created_by", JsonValue.from("dev.classifier BatchClassifier"))
                        .putAdditionalProperty("request_file", JsonValue.from(requestFile))
                        .putAdditionalProperty("round", JsonValue.from(Integer.toString(round)))
                        .build())
                .build();
        return calls.run("creating the batch for " + requestFile, attempt -> client.batches().create(params).id());
    }

    Batch retrieve(String batchId) {
        return calls.run("watching batch " + batchId, attempt -> client.batches().retrieve(batchId));
    }

    void cancel(String batchId) {
        calls.run("cancelling batch " + batchId, attempt -> client.batches().cancel(batchId));
    }

    /** Saves a provider file to {@code target} (through a temporary file), unless a resumed run saved it before. */
    void download(String fileId, Path target) {
        if (Files.exists(target)) {
            return;
        }
        calls.run("downloading " + fileId, attempt -> {
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            try (HttpResponse response = client.files().content(fileId); InputStream body = response.body()) {
                Files.copy(body, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save " + fileId + " to " + target + ": " + e.getMessage(), e);
            }
            return target;
        });
    }

    /** Deletes these provider files; a file that cannot be deleted is logged and left. Returns those deleted. */
    List<String> delete(List<String> fileIds, String ofWhat) {
        List<String> deleted = new ArrayList<>();
        for (String fileId : fileIds) {
            try {
                calls.run("deleting file " + fileId, attempt -> client.files().delete(fileId));
                deleted.add(fileId);
            } catch (ClassificationException e) {
                LOG.warn("could not delete file {} of {} ({})", fileId, ofWhat, e.getClass().getSimpleName());
            }
        }
        return deleted;
    }
}
