package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One simulated fine-tuning job. Everything about it is fixed when it is created (the file checks, the
 * hyperparameters, the timeline); its status, events and checkpoints are read off the timeline at the time asked
 * (the server's clock), so a test moves a job along by advancing its clock. Thread-safe.
 */
final class FineTuningJob {

    /** How long each phase lasts, on the server's clock. */
    record Timings(Duration validation, Duration queue, Duration perEpoch) {
    }

    /** The hyperparameters as requested ({@code "auto"} or a number each) and as resolved for training. */
    record Hyperparameters(ObjectNode requested, int epochs, int batchSize, double learningRateMultiplier) {
    }

    /** What the job was created with. */
    record Spec(String id, String model, String baseSnapshot, String trainingFile, Optional<String> validationFile,
                Optional<String> suffix, long seed, Optional<ObjectNode> metadata, String organization,
                String organizationId, Instant createdAt, Timings timings) {
    }

    private final Spec spec;
    private final Optional<TrainingFileCheck.JobError> error;
    private final TrainingFileCheck.Report training;
    private final Hyperparameters hyperparameters;
    private final int stepsPerEpoch;
    private final TrainingCurve curve;
    private final String fineTunedModel;
    private Instant cancelledAt;
    private String resultFileId;

    FineTuningJob(Spec spec, TrainingFileCheck.Report training, Optional<TrainingFileCheck.Report> validation,
                  Hyperparameters hyperparameters) {
        this.spec = spec;
        this.training = training;
        this.error = training.error().or(() -> validation.flatMap(TrainingFileCheck.Report::error));
        this.hyperparameters = hyperparameters;
        this.stepsPerEpoch = Math.max(1, (training.examples() + hyperparameters.batchSize() - 1)
                / hyperparameters.batchSize());
        this.curve = new TrainingCurve(spec.seed(), totalSteps());
        this.fineTunedModel = "ft:" + spec.baseSnapshot() + ":" + spec.organization() + ":"
                + spec.suffix().orElse("") + ":" + Ids.derived("", spec.id(), 8);
    }

    String id() {
        return spec.id();
    }

    Instant createdAt() {
        return spec.createdAt();
    }

    String fineTunedModel() {
        return fineTunedModel;
    }

    String baseSnapshot() {
        return spec.baseSnapshot();
    }

    String organizationId() {
        return spec.organizationId();
    }

    private int totalSteps() {
        return stepsPerEpoch * hyperparameters.epochs();
    }

    private Instant validatedAt() {
        return spec.createdAt().plus(spec.timings().validation());
    }

    private Instant startedAt() {
        return validatedAt().plus(spec.timings().queue());
    }

    Instant finishesAt() {
        return startedAt().plus(spec.timings().perEpoch().multipliedBy(hyperparameters.epochs()));
    }

    private Instant stepAt(int step) {
        Duration running = Duration.between(startedAt(), finishesAt());
        return startedAt().plus(running.multipliedBy(step).dividedBy(totalSteps()));
    }

    synchronized String status(Instant now) {
        if (cancelledAt != null && !now.isBefore(cancelledAt)) {
            return "cancelled";
        }
        if (now.isBefore(validatedAt())) {
            return "validating_files";
        }
        if (error.isPresent()) {
            return "failed";
        }
        if (now.isBefore(startedAt())) {
            return "queued";
        }
        return now.isBefore(finishesAt()) ? "running" : "succeeded";
    }

    boolean succeeded(Instant now) {
        return status(now).equals("succeeded");
    }

    /** Cancels the job; false when it has already finished (succeeded, failed or cancelled). */
    synchronized boolean cancel(Instant now) {
        String status = status(now);
        if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
            return false;
        }
        cancelledAt = now;
        return true;
    }

    /** The job as {@code GET /v1/fine_tuning/jobs/{id}} shows it now. Writes the result file once it succeeds. */
    synchronized ObjectNode json(Instant now, FileStore files) {
        String status = status(now);
        boolean resolved = !status.equals("validating_files") && error.isEmpty();
        ObjectNode job = Json.object();
        job.put("object", "fine_tuning.job");
        job.put("id", spec.id());
        job.put("model", spec.model());
        job.put("created_at", spec.createdAt().getEpochSecond());
        Optional<Instant> finished = switch (status) {
            case "succeeded" -> Optional.of(finishesAt());
            case "failed" -> Optional.of(validatedAt());
            case "cancelled" -> Optional.of(cancelledAt);
            default -> Optional.empty();
        };
        putTime(job, "finished_at", finished);
        Json.putOptional(job, "fine_tuned_model", status.equals("succeeded") ? Optional.of(fineTunedModel)
                : Optional.empty());
        job.put("organization_id", spec.organizationId());
        var results = job.putArray("result_files");
        if (status.equals("succeeded")) {
            results.add(resultFile(files));
        }
        job.put("status", status);
        Json.putOptional(job, "validation_file", spec.validationFile());
        job.put("training_file", spec.trainingFile());
        ObjectNode hp = resolved ? resolvedHyperparameters() : hyperparameters.requested().deepCopy();
        job.set("hyperparameters", hp);
        if (status.equals("succeeded")) {
            job.put("trained_tokens", training.billedTokens() * hyperparameters.epochs());
        } else {
            job.putNull("trained_tokens");
        }
        if (status.equals("failed")) {
            TrainingFileCheck.JobError e = error.orElseThrow();
            ObjectNode err = job.putObject("error");
            err.put("code", e.code());
            err.put("message", e.message());
            err.put("param", e.param());
        } else {
            job.putNull("error");
        }
        job.put("seed", spec.seed());
        putTime(job, "estimated_finish", status.equals("queued") || status.equals("running")
                ? Optional.of(finishesAt()) : Optional.empty());
        ObjectNode method = job.putObject("method");
        method.put("type", "supervised");
        method.putObject("supervised").set("hyperparameters", hp.deepCopy());
        if (spec.metadata().isPresent()) {
            job.set("metadata", spec.metadata().get().deepCopy());
        } else {
            job.putNull("metadata");
        }
        job.putNull("integrations");
        return job;
    }

    private ObjectNode resolvedHyperparameters() {
        ObjectNode hp = Json.object();
        hp.put("batch_size", hyperparameters.batchSize());
        hp.put("learning_rate_multiplier", hyperparameters.learningRateMultiplier());
        hp.put("n_epochs", hyperparameters.epochs());
        return hp;
    }

    private String resultFile(FileStore files) {
        if (resultFileId == null) {
            StringBuilder csv = new StringBuilder("step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy\n");
            for (int step = 1; step <= totalSteps(); step++) {
                csv.append(step).append(',').append(curve.trainLoss(step)).append(',')
                        .append(curve.trainAccuracy(step)).append(',');
                if (spec.validationFile().isPresent() && isValidationStep(step)) {
                    csv.append(curve.validLoss(step)).append(',').append(curve.validAccuracy(step));
                } else {
                    csv.append(',');
                }
                csv.append('\n');
            }
            resultFileId = files.add("step_metrics.csv", "fine-tune-results",
                    csv.toString().getBytes(StandardCharsets.UTF_8)).id();
        }
        return resultFileId;
    }

    private boolean isValidationStep(int step) {
        return step % stepsPerEpoch == 0 || step % 10 == 0;
    }

    /** The events that have happened by {@code now}, newest first (as the API lists them). */
    synchronized List<ObjectNode> events(Instant now) {
        List<ObjectNode> events = new ArrayList<>();
        Instant end = cancelledAt != null && !now.isBefore(cancelledAt) ? cancelledAt : now;
        event(events, spec.createdAt(), end, "info", "Created fine-tuning job: " + spec.id(), Json.object(), false);
        event(events, spec.createdAt(), end, "info", "Validating training file: " + spec.trainingFile()
                + spec.validationFile().map(v -> " and validation file: " + v).orElse(""), Json.object(), false);
        if (error.isPresent()) {
            event(events, validatedAt(), end, "error", error.get().message(), Json.object(), false);
        } else {
            event(events, validatedAt(), end, "info", "Files validated, moving job to queued state", Json.object(),
                    false);
            event(events, startedAt(), end, "info", "Fine-tuning job started", Json.object(), false);
            for (int step = 1; step <= totalSteps() && !stepAt(step).isAfter(end); step++) {
                event(events, stepAt(step), end, "info", "Step " + step + "/" + totalSteps() + ": training loss="
                        + curve.trainLoss(step), metrics(step), true);
                if (step % stepsPerEpoch == 0 && isKeptCheckpoint(step / stepsPerEpoch)) {
                    event(events, stepAt(step), end, "info", "Checkpoint created at step " + step, Json.object(),
                            false);
                }
            }
            event(events, finishesAt(), end, "info", "New fine-tuned model created", Json.object(), false);
            event(events, finishesAt(), end, "info", "The job has successfully completed", Json.object(), false);
        }
        if (cancelledAt != null && !now.isBefore(cancelledAt)) {
            event(events, cancelledAt, end, "info", "Fine-tuning job cancelled", Json.object(), false);
        }
        Collections.reverse(events);
        return events;
    }

    private void event(List<ObjectNode> events, Instant at, Instant end, String level, String message,
                       ObjectNode data, boolean metrics) {
        if (at.isAfter(end)) {
            return;
        }
        ObjectNode event = Json.object();
        event.put("object", "fine_tuning.job.event");
        event.put("id", Ids.derived("ftevent-", spec.id() + "/" + events.size(), 24));
        event.put("created_at", at.getEpochSecond());
        event.put("level", level);
        event.put("message", message);
        event.set("data", data);
        event.put("type", metrics ? "metrics" : "message");
        events.add(event);
    }

    private ObjectNode metrics(int step) {
        ObjectNode data = Json.object();
        data.put("step", step);
        data.put("train_loss", curve.trainLoss(step));
        data.put("train_mean_token_accuracy", curve.trainAccuracy(step));
        data.put("total_steps", totalSteps());
        if (spec.validationFile().isPresent() && isValidationStep(step)) {
            data.put("valid_loss", curve.validLoss(step));
            data.put("valid_mean_token_accuracy", curve.validAccuracy(step));
        }
        return data;
    }

    /** OpenAI keeps a checkpoint for each of the last three epochs. */
    private boolean isKeptCheckpoint(int epoch) {
        return epoch > hyperparameters.epochs() - 3;
    }

    /** The checkpoints made by {@code now}, newest first. */
    synchronized List<ObjectNode> checkpoints(Instant now) {
        List<ObjectNode> checkpoints = new ArrayList<>();
        if (error.isPresent()) {
            return checkpoints;
        }
        Instant end = cancelledAt != null && !now.isBefore(cancelledAt) ? cancelledAt : now;
        for (int epoch = 1; epoch <= hyperparameters.epochs(); epoch++) {
            int step = epoch * stepsPerEpoch;
            if (!isKeptCheckpoint(epoch) || stepAt(step).isAfter(end)) {
                continue;
            }
            ObjectNode checkpoint = Json.object();
            checkpoint.put("object", "fine_tuning.job.checkpoint");
            checkpoint.put("id", Ids.derived("ftckpt_", spec.id() + "/" + step, 24));
            checkpoint.put("created_at", stepAt(step).getEpochSecond());
            checkpoint.put("fine_tuned_model_checkpoint", checkpointModel(step));
            checkpoint.put("step_number", step);
            ObjectNode metrics = checkpoint.putObject("metrics");
            metrics.put("step", step);
            metrics.put("train_loss", curve.trainLoss(step));
            metrics.put("train_mean_token_accuracy", curve.trainAccuracy(step));
            if (spec.validationFile().isPresent()) {
                metrics.put("valid_loss", curve.validLoss(step));
                metrics.put("valid_mean_token_accuracy", curve.validAccuracy(step));
                metrics.put("full_valid_loss", curve.validLoss(step));
                metrics.put("full_valid_mean_token_accuracy", curve.validAccuracy(step));
            }
            checkpoint.put("fine_tuning_job_id", spec.id());
            checkpoints.add(checkpoint);
        }
        Collections.reverse(checkpoints);
        return checkpoints;
    }

    private String checkpointModel(int step) {
        return fineTunedModel + ":ckpt-step-" + step;
    }

    /** The model names this job has made usable by {@code now}: checkpoints, and the final model on success. */
    synchronized List<String> modelsAt(Instant now) {
        List<String> names = new ArrayList<>();
        for (ObjectNode checkpoint : checkpoints(now)) {
            names.add(checkpoint.get("fine_tuned_model_checkpoint").asText());
        }
        if (succeeded(now)) {
            names.add(fineTunedModel);
        }
        return names;
    }

    private static void putTime(ObjectNode node, String field, Optional<Instant> time) {
        if (time.isPresent()) {
            node.put(field, time.get().getEpochSecond());
        } else {
            node.putNull(field);
        }
    }
}
