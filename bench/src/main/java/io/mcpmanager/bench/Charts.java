package io.mcpmanager.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Headless PNG charts (JFreeChart): latency percentiles over time above throughput. */
final class Charts {

  private Charts() {}

  static void latencyAndThroughput(LoadResult r, Path png) throws IOException {
    XYSeriesCollection latency = new XYSeriesCollection();
    for (double p : new double[] {50, 99, 99.9}) {
      XYSeries s = new XYSeries("p" + (p == 99.9 ? "99.9" : String.valueOf((int) p)));
      for (int sec = 0; sec < r.seconds(); sec++) {
        if (r.perSecond()[sec].getTotalCount() > 0) {
          s.add(sec + 1, Math.max(0.1, r.perSecond()[sec].getValueAtPercentile(p) / 1000.0));
        }
      }
      latency.addSeries(s);
    }
    XYSeriesCollection throughput = new XYSeriesCollection();
    XYSeries done = new XYSeries("completed/s");
    XYSeries errors = new XYSeries("errors/s");
    XYSeries target = new XYSeries("arrival rate");
    for (int sec = 0; sec < r.seconds(); sec++) {
      done.add(sec + 1, r.completedPerSecond().get(sec));
      errors.add(sec + 1, r.errorsPerSecond().get(sec));
      target.add(sec + 1, r.rate());
    }
    throughput.addSeries(done);
    throughput.addSeries(errors);
    throughput.addSeries(target);
    LogAxis ms = new LogAxis("latency (ms, log)");
    ms.setSmallestValue(0.1);
    ms.setNumberFormatOverride(new DecimalFormat("0.##"));
    save(
        combined(
            "Time since start (s); warm-up: first " + r.warmupSeconds() + " s",
            plot(latency, ms, 0),
            plot(throughput, new NumberAxis("requests/s"), 3)),
        r.name() + " at " + (int) r.rate() + "/s (open model, latency from intended start)",
        png);
  }

  /** Any number of series over time, optionally a second panel. */
  static void lines(
      String title,
      String xLabel,
      String yLabel,
      Map<String, List<double[]>> series,
      String y2Label,
      Map<String, List<double[]>> series2,
      Path png)
      throws IOException {
    XYPlot top = plot(collection(series), new NumberAxis(yLabel), 0);
    JFreeChart chart;
    if (series2 == null) {
      top.setDomainAxis(new NumberAxis(xLabel));
      chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, top, true);
      style(chart);
      ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 420);
      return;
    }
    save(combined(xLabel, top, plot(collection(series2), new NumberAxis(y2Label), 3)), title, png);
  }

  private static XYSeriesCollection collection(Map<String, List<double[]>> series) {
    XYSeriesCollection c = new XYSeriesCollection();
    series.forEach(
        (name, points) -> {
          XYSeries s = new XYSeries(name);
          points.forEach(p -> s.add(p[0], p[1]));
          c.addSeries(s);
        });
    return c;
  }

  private static XYPlot plot(XYSeriesCollection data, ValueAxis axis, int firstColour) {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    Color[] colours = {
      new Color(0x1f77b4),
      new Color(0xd62728),
      new Color(0x2ca02c),
      new Color(0x9467bd),
      new Color(0xff7f0e),
      new Color(0x7f7f7f)
    };
    for (int i = 0; i < data.getSeriesCount(); i++) {
      renderer.setSeriesPaint(i, colours[(firstColour + i) % colours.length]);
      renderer.setSeriesStroke(i, new BasicStroke(1.6f));
    }
    XYPlot plot = new XYPlot(data, null, axis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  private static CombinedDomainXYPlot combined(String xLabel, XYPlot top, XYPlot bottom) {
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis(xLabel));
    plot.add(top, 3);
    plot.add(bottom, 2);
    return plot;
  }

  private static void save(CombinedDomainXYPlot plot, String title, Path png) throws IOException {
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    style(chart);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
  }
}
