package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import dev.classifier.testkit.ManualClock;

import java.nio.file.Path;
import java.time.Duration;

/** Fine-tunes a model on the test server, the way a user would, for the tests that then classify with it. */
final class TunedModels {

    private TunedModels() {
    }

    /**
     * Uploads 12 sample examples, runs a 1-epoch job on gpt-4.1-nano to the end on the manual clock, and returns the
     * job.
     */
    static JobSnapshot tune(OpenAIClient client, ManualClock clock, Path dir) {
        FineTuning fineTuning = TestService.fineTuning(client, clock).build();
        UploadedFile training = fineTuning.upload(Training.write(dir, 12).training());
        FineTuneJob job = fineTuning.create(JobRequest.builder("gpt-4.1-nano-2025-04-14", training.id())
                .suffix("news").epochs(1).build());
        return job.await(Duration.ofHours(1), JobListener.NONE);
    }
}
