package dev.classifier.testkit.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Hands out {@link RecordingLogger}s, one per name, each in front of the backend's logger of that name. */
final class RecordingLoggerFactory implements ILoggerFactory {

    private final Optional<ILoggerFactory> backend;
    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();

    RecordingLoggerFactory(Optional<ILoggerFactory> backend) {
        this.backend = backend;
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, n -> new RecordingLogger(n,
                backend.map(factory -> factory.getLogger(n)).orElse(NOPLogger.NOP_LOGGER)));
    }
}
