package dev.classifier.testkit.logging;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Records each call in the active {@link LogCapture}s, then passes it to the backend's logger when that logger
 * has its level on. While a capture is active every level is on, so that lines the backend would drop (debug,
 * trace) are still written, and checked.
 */
final class RecordingLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient Logger backend;

    RecordingLogger(String name, Logger backend) {
        this.name = name;
        this.backend = backend;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogCapture.recording() || backend.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return LogCapture.recording() || backend.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return LogCapture.recording() || backend.isInfoEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return LogCapture.recording() || backend.isWarnEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return LogCapture.recording() || backend.isErrorEnabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        LogCapture.record(level, name, MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
        if (!backend.isEnabledForLevel(level)) {
            return;
        }
        LoggingEventBuilder event = backend.makeLoggingEventBuilder(level).setMessage(pattern).setCause(throwable);
        if (marker != null) {
            event.addMarker(marker);
        }
        if (arguments != null) {
            for (Object argument : arguments) {
                event.addArgument(argument);
            }
        }
        event.log();
    }
}
