package dev.classifier.eval;

/**
 * A source of nanoseconds for timing classifications. Tests pass a fake one so that latencies are exact
 * and no test depends on the speed of the machine.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds from an arbitrary origin; only differences mean anything. */
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
