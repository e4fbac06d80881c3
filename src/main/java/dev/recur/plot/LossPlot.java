package dev.recur.plot;

import dev.recur.files.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Training curves (loss per epoch, one line per series) as a PNG, with XChart. */
public final class LossPlot {
    private LossPlot() {}

    /** Series name → values per epoch (epoch 1 first); NaN values are left out. */
    public static XYChart chart(String title, String yLabel, Map<String, double[]> series) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("epoch").yAxisTitle(yLabel).build();
        chart.getStyler().setMarkerSize(5);
        for (var e : series.entrySet()) {
            double[] v = e.getValue();
            int n = 0;
            for (double x : v) if (Double.isFinite(x)) n++;
            if (n == 0) continue;
            double[] xs = new double[n], ys = new double[n];
            for (int i = 0, j = 0; i < v.length; i++) {
                if (Double.isFinite(v[i])) { xs[j] = i + 1; ys[j++] = v[i]; }
            }
            XYSeries s = chart.addSeries(e.getKey(), xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    public static void writePng(Path file, String title, String yLabel, Map<String, double[]> series) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart(title, yLabel, new LinkedHashMap<>(series)), BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }
}
