package dev.classifier.loop.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineChartTest {

    @Test
    void drawsEverySeriesWithEscapedNamesAndADashedBaseline() {
        String svg = LineChart.titled("Rule <change>", "corrections", "share moved")
                .logX()
                .series("local & friends", new double[] {1, 3, 10, 30}, new double[] {0.1, 0.6, 0.9, 0.95})
                .series("random", new double[] {1, 3, 10, 30}, new double[] {0, 0, 0.01, 0.07}, true)
                .svg();

        assertThat(svg).startsWith("<svg").contains("Rule &lt;change&gt;").contains("local &amp; friends")
                .doesNotContain("<change>");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(svg).contains("stroke-dasharray=\"6 4\" points=");
    }

    @Test
    void refusesWhatCannotBeDrawn() {
        assertThatThrownBy(() -> LineChart.titled("t", "x", "y").svg()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LineChart.titled("t", "x", "y").series("a", new double[] {1}, new double[] {1, 2}))
                .hasMessageContaining("series 'a'");
        assertThatThrownBy(() -> LineChart.titled("t", "x", "y").logX()
                .series("a", new double[] {0, 1}, new double[] {1, 2}).svg())
                .hasMessageContaining("log x axis");
    }
}
