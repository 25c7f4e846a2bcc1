package dev.classifier.openai;

import dev.classifier.api.UnavailableException;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The circuit's states, on a manual clock, and which failures count as "unreachable". */
class CircuitBreakerTest {

    private final ManualClock clock = ManualClock.create();
    private final CircuitBreaker circuit = CircuitBreaker.builder().threshold(3).openFor(Duration.ofSeconds(30))
            .clock(clock).build();

    private void fail() {
        circuit.beforeCall("a call");
        circuit.onConnectionFailure(ConnectionFailure.REFUSED, new ConnectException("refused"));
    }

    @Test
    void itOpensAfterTheThresholdOfConnectionFailuresInARowAndThenFailsAtOnce() {
        fail();
        clock.advance(Duration.ofSeconds(1));
        fail();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        fail();

        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuit.unreachableSince()).contains(ManualClock.DEFAULT_START);
        assertThatThrownBy(() -> circuit.beforeCall("classifying article 'a9'"))
                .isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).startsWith("classifying article 'a9': not sent")
                            .contains("unreachable since " + ManualClock.DEFAULT_START)
                            .contains("3 connection failures in a row")
                            .contains("the connection was refused")
                            .contains("until " + ManualClock.DEFAULT_START.plusSeconds(31));
                    assertThat(e.getCause()).isInstanceOf(ConnectException.class);
                });
    }

    @Test
    void anAnswerOfAnyKindResetsTheCount() {
        fail();
        fail();
        circuit.beforeCall("a call");
        circuit.onAnswer(); // even a 500 says the endpoint is there
        fail();
        fail();

        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void afterTheWaitOneProbeGoesThroughAndItsAnswerClosesTheCircuit() {
        fail();
        fail();
        fail();
        clock.advance(Duration.ofSeconds(29));
        assertThatThrownBy(() -> circuit.beforeCall("early")).isInstanceOf(UnavailableException.class);

        clock.advance(Duration.ofSeconds(1));
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThatCode(() -> circuit.beforeCall("the probe")).doesNotThrowAnyException();
        assertThatThrownBy(() -> circuit.beforeCall("while the probe is out")).isInstanceOf(UnavailableException.class);
        circuit.onAnswer();

        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(circuit.unreachableSince()).isEmpty();
        assertThatCode(() -> circuit.beforeCall("after")).doesNotThrowAnyException();
    }

    @Test
    void aProbeThatFailsOpensItAgainAndTheOutageKeepsItsStart() {
        fail();
        fail();
        fail();
        clock.advance(Duration.ofSeconds(30));
        fail(); // the probe

        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(circuit.unreachableSince()).contains(ManualClock.DEFAULT_START);
        assertThatThrownBy(() -> circuit.beforeCall("next")).hasMessageContaining("4 connection failures in a row")
                .hasMessageContaining("until " + ManualClock.DEFAULT_START.plusSeconds(60));
    }

    @Test
    void aProbeWithNoVerdictLetsTheNextCallProbe() {
        fail();
        fail();
        fail();
        clock.advance(Duration.ofSeconds(30));
        circuit.beforeCall("the probe");
        circuit.onNoVerdict();

        assertThatCode(() -> circuit.beforeCall("another probe")).doesNotThrowAnyException();
    }

    @Test
    void rejectIfOpenFailsAsACallWouldButLetsNothingThroughAndTakesNoProbe() {
        assertThatCode(() -> circuit.rejectIfOpen("closed")).doesNotThrowAnyException();
        fail();
        fail();
        fail();

        assertThatThrownBy(() -> circuit.rejectIfOpen("classifying article 'a9'"))
                .isInstanceOf(UnavailableException.class)
                .hasMessageStartingWith("classifying article 'a9': not sent, the endpoint is unreachable since")
                .hasMessageContaining("3 connection failures in a row");

        clock.advance(Duration.ofSeconds(30)); // half-open: the check leaves the probe to the next call
        assertThatCode(() -> circuit.rejectIfOpen("before the probe")).doesNotThrowAnyException();
        assertThat(circuit.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThatCode(() -> circuit.beforeCall("the probe")).doesNotThrowAnyException();
        assertThatThrownBy(() -> circuit.rejectIfOpen("while the probe is out"))
                .isInstanceOf(UnavailableException.class);
    }

    @Test
    void theCauseOfALayersFailureNamesItsKind() {
        UnavailableException open = new UnavailableException("classifying article 'a1': not sent",
                new RuntimeException(new ConnectException("Failed to connect")));

        assertThat(ConnectionFailure.of(open)).contains(ConnectionFailure.REFUSED);
        assertThat(ConnectionFailure.of(new UnavailableException("HTTP 503", null))).isEmpty();
    }

    @Test
    void onlyFailuresWithNoAnswerAtAllCount() {
        assertThat(ConnectionFailure.of(new RuntimeException(new UnknownHostException("x.invalid"))))
                .contains(ConnectionFailure.UNKNOWN_HOST);
        assertThat(ConnectionFailure.of(new ConnectException("Failed to connect"))).contains(ConnectionFailure.REFUSED);
        assertThat(ConnectionFailure.of(new SSLHandshakeException("bad"))).contains(ConnectionFailure.TLS);
        assertThat(ConnectionFailure.of(new SocketTimeoutException("Connect timed out")))
                .contains(ConnectionFailure.CONNECT_TIMEOUT);
        assertThat(ConnectionFailure.of(new InterruptedIOException("timeout"))).contains(ConnectionFailure.NO_RESPONSE);
        assertThat(ConnectionFailure.of(new java.io.IOException("unexpected end of stream"))).isEqualTo(Optional.empty());
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> CircuitBreaker.builder().threshold(0)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> CircuitBreaker.builder().openFor(Duration.ZERO)).hasMessageContaining("openFor");
    }
}
