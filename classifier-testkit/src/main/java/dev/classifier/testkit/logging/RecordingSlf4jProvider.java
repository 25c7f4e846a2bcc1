package dev.classifier.testkit.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An SLF4J provider for tests that lets {@link LogCapture} see every log line, at every level, while the logging
 * backend on the class path (slf4j-simple, Logback, ...) goes on printing what it printed before.
 *
 * <p>It is not registered as a service, so it never competes with the backend: a test run selects it with the
 * system property {@code slf4j.provider=dev.classifier.testkit.logging.RecordingSlf4jProvider} (SLF4J 2.0.9 and
 * later), set in surefire's {@code systemPropertyVariables}. It then finds the backend through the service loader
 * and hands each call on to it.
 */
public final class RecordingSlf4jProvider implements SLF4JServiceProvider {

    private ILoggerFactory loggerFactory;
    private IMarkerFactory markerFactory;
    private MDCAdapter mdcAdapter;

    @Override
    public void initialize() {
        Optional<SLF4JServiceProvider> backend = backend();
        backend.ifPresent(SLF4JServiceProvider::initialize);
        loggerFactory = new RecordingLoggerFactory(backend.map(SLF4JServiceProvider::getLoggerFactory));
        markerFactory = backend.map(SLF4JServiceProvider::getMarkerFactory).orElseGet(BasicMarkerFactory::new);
        mdcAdapter = backend.map(SLF4JServiceProvider::getMDCAdapter).orElseGet(NOPMDCAdapter::new);
    }

    /** The first provider registered on the class path other than this one, if any. */
    private static Optional<SLF4JServiceProvider> backend() {
        for (SLF4JServiceProvider provider : ServiceLoader.load(SLF4JServiceProvider.class,
                RecordingSlf4jProvider.class.getClassLoader())) {
            if (!(provider instanceof RecordingSlf4jProvider)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggerFactory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markerFactory;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdcAdapter;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
