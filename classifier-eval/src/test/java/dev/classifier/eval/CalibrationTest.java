package dev.classifier.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    /*
     * Confidences 0.95 (right), 0.95 (wrong), 0.55 (right), 0.15 (wrong), NaN (right): four measured.
     * bin 9: 2 items, accuracy 0.5, mean 0.95 -> 2/4 * 0.45 = 0.225
     * bin 5: 1 item, accuracy 1, mean 0.55    -> 1/4 * 0.45 = 0.1125
     * bin 1: 1 item, accuracy 0, mean 0.15    -> 1/4 * 0.15 = 0.0375
     * ECE = 0.375
     */
    @Test
    void expectedCalibrationErrorOnAHandExample() {
        Calibration c = Calibration.of(List.of(0.95, 0.95, 0.55, 0.15, Double.NaN), List.of(true, false, true, false, true));
        assertThat(c.ece()).isCloseTo(0.375, within(1e-12));
        assertThat(c.measured()).isEqualTo(4);
        assertThat(c.nanConfidences()).isEqualTo(1);
        assertThat(c.bins()).hasSize(10);
        Calibration.Bin top = c.bins().get(9);
        assertThat(top.count()).isEqualTo(2);
        assertThat(top.accuracy()).isEqualTo(0.5);
        assertThat(top.meanConfidence()).isCloseTo(0.95, within(1e-12));
        assertThat(c.bins().get(5).count()).isEqualTo(1);
        assertThat(c.bins().get(1).count()).isEqualTo(1);
        assertThat(c.bins().get(0).count()).isZero();
        assertThat(c.bins().get(0).accuracy()).as("an empty bin has no accuracy").isNaN();
    }

    @Test
    void edgesGoToTheFirstAndLastBins() {
        Calibration c = Calibration.of(List.of(0.0, 1.0), List.of(false, true));
        assertThat(c.bins().get(0).count()).isEqualTo(1);
        assertThat(c.bins().get(9).count()).isEqualTo(1);
        assertThat(c.ece()).as("perfectly calibrated").isZero();
        assertThat(c.bins().get(9).lower()).isEqualTo(0.9);
        assertThat(c.bins().get(9).upper()).isEqualTo(1.0);
    }

    @Test
    void withoutAnyConfidenceThereIsNoError() {
        Calibration c = Calibration.of(List.of(Double.NaN, Double.NaN), List.of(true, false));
        assertThat(c.ece()).isNaN();
        assertThat(c.nanConfidences()).isEqualTo(2);
        assertThat(c.measured()).isZero();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> Calibration.of(List.of(0.5), List.of())).hasMessageContaining("1 confidences but 0");
        assertThatThrownBy(() -> Calibration.of(List.of(), List.of(), 0)).hasMessageContaining("at least 1");
    }
}
