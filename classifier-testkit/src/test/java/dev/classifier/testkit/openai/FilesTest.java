package dev.classifier.testkit.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.MultipartField;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilesTest {

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    private static OpenAIClient client;

    @BeforeAll
    static void client() {
        client = Sdk.noRetries(openAi.server());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static FileObject upload(String name, String content, FilePurpose purpose) {
        return client.files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
                        .filename(name).contentType("application/jsonl").build())
                .purpose(purpose).build());
    }

    @Test
    void uploadsFromAPathAndReadsTheContentBack(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.jsonl");
        String line = "{\"messages\":[{\"role\":\"user\",\"content\":\"体育新闻\"},{\"role\":\"assistant\",\"content\":\"sports\"}]}\n";
        Files.writeString(train, line);

        FileObject file = client.files().create(FileCreateParams.builder().file(train)
                .purpose(FilePurpose.FINE_TUNE).build());

        assertThat(file.id()).startsWith("file-");
        assertThat(file.filename()).isEqualTo("train.jsonl");
        assertThat(file.bytes()).isEqualTo(line.getBytes(StandardCharsets.UTF_8).length);
        assertThat(file.purpose()).isEqualTo(FileObject.Purpose.FINE_TUNE);
        assertThat(client.files().retrieve(file.id()).id()).isEqualTo(file.id());
        try (HttpResponse content = client.files().content(file.id())) {
            assertThat(new String(content.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(line);
        }
        assertThat(openAi.server().files().find(file.id()).orElseThrow().text()).isEqualTo(line);
    }

    @Test
    void listsNewestFirstByPurposeAndPagesWithAfter() {
        List<String> batchIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batchIds.add(upload("b" + i + ".jsonl", "{}\n", FilePurpose.BATCH).id());
        }
        upload("t.jsonl", "{}\n", FilePurpose.FINE_TUNE);

        var page = client.files().list(FileListParams.builder().purpose("batch").limit(2L).build());
        List<String> all = new ArrayList<>();
        page.autoPager().forEach(f -> all.add(f.id()));

        assertThat(page.data()).hasSize(2);
        assertThat(page.hasNextPage()).isTrue();
        assertThat(all).containsExactly(batchIds.get(2), batchIds.get(1), batchIds.get(0));
    }

    @Test
    void deletesAndThen404s() {
        FileObject file = upload("gone.jsonl", "{}\n", FilePurpose.BATCH);
        FileDeleted deleted = client.files().delete(file.id());
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.id()).isEqualTo(file.id());
        assertThatThrownBy(() -> client.files().retrieve(file.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> client.files().content(file.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void fineTuneAndBatchFilesMustBeJsonl() {
        assertThatThrownBy(() -> upload("train.csv", "a,b\n", FilePurpose.FINE_TUNE))
                .isInstanceOfSatisfying(BadRequestException.class, e ->
                        assertThat(e.getMessage()).contains("Must be .jsonl"));
        // openai-java's file(byte[]) sends no filename: the server says what is missing.
        assertThatThrownBy(() -> client.files().create(FileCreateParams.builder()
                .file("{}\n".getBytes(StandardCharsets.UTF_8)).purpose(FilePurpose.BATCH).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e ->
                        assertThat(e.getMessage()).contains("no filename"));
    }

    @Test
    void rawResponsesConformToTheSchemas() {
        RawHttp raw = RawHttp.to(openAi.server());
        RawHttp.Response uploaded = raw.upload("in.jsonl", "batch", "{\"custom_id\":\"1\"}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).isEqualTo(200);
        OpenApiSchemas.assertConforms("OpenAIFile", uploaded.body());
        String id = uploaded.json().get("id").asText();

        OpenApiSchemas.assertConforms("OpenAIFile", raw.get("/v1/files/" + id).body());
        OpenApiSchemas.assertConforms("ListFilesResponse", raw.get("/v1/files?limit=5").body());
        OpenApiSchemas.assertConforms("ListFilesResponse", raw.get("/v1/files?purpose=vision").body());
        OpenApiSchemas.assertConforms("DeleteFileResponse", raw.delete("/v1/files/" + id).body());
        RawHttp.Response missing = raw.get("/v1/files/" + id);
        assertThat(missing.status()).isEqualTo(404);
        OpenApiSchemas.assertConforms("ErrorResponse", missing.body());
        RawHttp.Response badPurpose = raw.upload("x.jsonl", "nonsense", new byte[] {1});
        assertThat(badPurpose.status()).isEqualTo(400);
        assertThat(badPurpose.json().at("/error/param").asText()).isEqualTo("purpose");
        OpenApiSchemas.assertConforms("ErrorResponse", badPurpose.body());
    }
}
