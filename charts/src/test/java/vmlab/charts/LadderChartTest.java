package vmlab.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class LadderChartTest {

    @Test
    void ratiosDivideEachConfigurationByTheBaseline() {
        LadderChart ladder = Charts.ladder(SampleTables.emulationCost(2.0, 5.0, 30.0), "configuration", "seconds")
                .baseline("native");
        Map<String, Double> ratios = ladder.ratios();
        assertEquals(1.0, ratios.get("native"), 1e-12);
        assertEquals(2.5, ratios.get("fast interpreter"), 1e-12);
        assertEquals(15.0, ratios.get("reference interpreter"), 1e-12);
        assertEquals(List.of("native", "fast interpreter", "reference interpreter"), List.copyOf(ratios.keySet()),
                "rungs go from cheapest to dearest");
    }

    @Test
    void labelsPrintedOnTheBarsAreTheDataRatios() throws Exception {
        LadderChart ladder = Charts.ladder(SampleTables.emulationCost(2.0, 5.0, 30.0), "configuration", "seconds")
                .baseline("native");
        List<String> texts = SvgDocument.parse(ladder.svg()).texts();
        // 5/2 and 30/2, computed here from the table above, not read back from the chart.
        assertTrue(texts.contains("2.5×"), "label of fast interpreter in " + texts);
        assertTrue(texts.contains("15×"), "label of reference interpreter in " + texts);
        assertTrue(texts.contains("1×"), "the baseline's own bar in " + texts);
        assertEquals(3, texts.size(), "one label per configuration: " + texts);
    }

    @Test
    void aRatioThatIsNotATimeIsNamedOnTheAxisAndInTheSummary() throws Exception {
        Map<String, Double> memory = new LinkedHashMap<>();
        memory.put("container", 20.0);
        memory.put("VM", 9216.0);
        LadderChart ladder = Charts.ladder(memory).ratioName("times the memory");
        assertTrue(ladder.summary().startsWith("Overhead ladder: times the memory of"), ladder.summary());
        assertFalse(ladder.summary().contains("slowdown"), ladder.summary());
    }

    @Test
    void repeatedRunsAreSummarisedByTheirMedian() {
        Table runs = Table.create("runs",
                tech.tablesaw.api.StringColumn.create("configuration", "native", "native", "native", "jit"),
                tech.tablesaw.api.DoubleColumn.create("seconds", 1.0, 1.2, 9.0, 3.6));
        LadderChart ladder = Charts.ladder(runs, "configuration", "seconds");
        assertEquals(3.0, ladder.ratios().get("jit"), 1e-12, "one slow outlier run (9 s) must not move the baseline");
    }

    @Test
    void logScaleWhenRatiosSpanTwoOrdersOfMagnitude() {
        LadderChart wide = Charts.ladder(SampleTables.emulationCost(0.1, 1.0, 10.0), "configuration", "seconds");
        assertTrue(wide.isLogScale(), "1x .. 100x spans two orders of magnitude");
        assertTrue(wide.summary().contains("log scale"), wide.summary());
        LadderChart narrow = Charts.ladder(SampleTables.emulationCost(0.1, 1.0, 9.0), "configuration", "seconds");
        assertFalse(narrow.isLogScale(), "1x .. 90x stays linear");
    }

    @Test
    void logScaleDrawsDecadeTicks() throws Exception {
        LadderChart wide = Charts.ladder(SampleTables.emulationCost(0.01, 1.0, 40.0), "configuration", "seconds");
        assertTrue(wide.xchart().getStyler() instanceof org.knowm.xchart.style.AxesChartStyler axes
                && axes.isYAxisLogarithmic());
        String svg = wide.svg();
        SvgDocument.parse(svg);
        assertTrue(wide.png().length > 0);
    }

    @Test
    void aLogAxisShowsDotsNotBars() {
        LadderChart wide = Charts.ladder(SampleTables.emulationCost(0.01, 1.0, 40.0), "configuration", "seconds");
        var drawn = (org.knowm.xchart.CategoryChart) wide.xchart();
        drawn.getSeriesMap().values().forEach(series -> assertEquals(
                org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter,
                series.getChartCategorySeriesRenderStyle(), "a bar on a log axis has no meaningful length"));
        LadderChart narrow = Charts.ladder(SampleTables.emulationCost(0.1, 1.0, 9.0), "configuration", "seconds");
        ((org.knowm.xchart.CategoryChart) narrow.xchart()).getSeriesMap().values().forEach(series -> assertTrue(
                series.getChartCategorySeriesRenderStyle() == null // null: the styler's default, bars
                        || series.getChartCategorySeriesRenderStyle()
                                == org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Bar,
                "a linear axis keeps its bars"));
    }

    @Test
    void speedupInvertsTheRatio() {
        LadderChart ladder = Charts.ladder(SampleTables.emulationCost(2.0, 5.0, 30.0), "configuration", "seconds")
                .baseline("reference interpreter").speedup();
        assertEquals(15.0, ladder.ratios().get("native"), 1e-12);
        assertEquals("15×", ladder.label("native"));
    }

    @Test
    void labelsKeepThreeSignificantDigits() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("native", 3.0);
        values.put("jit", 3.7);
        values.put("interpreter", 1000.0);
        LadderChart ladder = Charts.ladder(values);
        assertEquals("1.23×", ladder.label("jit"));
        assertEquals("333×", ladder.label("interpreter"));
    }

    @Test
    void unknownBaselineNamesTheConfigurationsThatExist() {
        LadderChart ladder = Charts.ladder(SampleTables.emulationCost(2.0, 5.0, 30.0), "configuration", "seconds");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ladder.baseline("qemu"));
        assertTrue(e.getMessage().contains("fast interpreter"), e.getMessage());
    }

    @Test
    void missingColumnNamesTheColumnsThatExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.ladder(SampleTables.emulationCost(2.0, 5.0, 30.0), "configuration", "time"));
        assertTrue(e.getMessage().contains("'time'") && e.getMessage().contains("seconds"), e.getMessage());
    }

    @Test
    void zeroTimeCannotBeDivided() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.ladder(SampleTables.emulationCost(0.0, 5.0, 30.0), "configuration", "seconds"));
        assertTrue(e.getMessage().contains("native"), e.getMessage());
    }
}
