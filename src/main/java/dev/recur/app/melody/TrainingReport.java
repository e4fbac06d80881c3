package dev.recur.app.melody;

import dev.recur.files.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** metrics.csv and loss.png of a training run. */
public final class TrainingReport {
    public static final String METRICS_FILE = "metrics.csv";
    public static final String LOSS_PLOT = "loss.png";

    private TrainingReport() {}

    public static String csv(List<EpochMetrics> history) {
        StringBuilder sb = new StringBuilder("epoch,train_loss,val_loss,val_perplexity,val_accuracy\n");
        for (EpochMetrics m : history) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f%n", m.epoch(), m.trainLoss(), m.valLoss(),
                    m.valPerplexity(), m.valAccuracy()));
        }
        return sb.toString();
    }

    public static void writeMetrics(Path file, List<EpochMetrics> history) throws IOException {
        AtomicFiles.writeString(file, csv(history));
    }

    /** Training and validation loss per epoch, with the n-gram baseline's validation loss as a flat line. */
    public static void writeLossPlot(Path file, List<EpochMetrics> history, double baselineLoss, String baselineName)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Melody model loss")
                .xAxisTitle("epoch").yAxisTitle("cross-entropy per event (nats)").build();
        double[] x = new double[history.size()], train = new double[x.length], val = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = history.get(i).epoch();
            train[i] = history.get(i).trainLoss();
            val[i] = history.get(i).valLoss();
        }
        chart.addSeries("train", x, train).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("validation", x, val).setMarker(SeriesMarkers.DIAMOND);
        if (Double.isFinite(baselineLoss)) {
            double[] bx = x.length == 1 ? new double[] {x[0] - 0.5, x[0] + 0.5} : new double[] {x[0], x[x.length - 1]};
            chart.addSeries(baselineName + " (validation)", bx, new double[] {baselineLoss, baselineLoss})
                    .setMarker(SeriesMarkers.NONE);
        }
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, out -> out.write(png));
    }
}
