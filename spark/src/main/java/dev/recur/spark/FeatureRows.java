package dev.recur.spark;

import dev.recur.audio.FeatureSettings;
import dev.recur.data.FeatureExtractor;
import dev.recur.data.TrackFeatures;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The MFCC table: one row per segment ({@code path, segment, start_seconds, mfcc, settings_hash, error}),
 * or one row with an {@code error} and no segment for a file that could not be used.
 */
final class FeatureRows {
    private FeatureRows() {}

    static final StructType SCHEMA = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("segment", DataTypes.IntegerType, true)
            .add("start_seconds", DataTypes.DoubleType, true)
            .add("mfcc", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false), true)
            .add("settings_hash", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, true);

    static Row error(String path, String hash, String error) {
        return RowFactory.create(path, null, null, null, hash, error);
    }

    /** Decodes and analyses each {@code (path, content)} row of a partition, one file at a time. */
    static final class Extract implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final MfccSettings settings;

        Extract(MfccSettings settings) { this.settings = settings; }

        @Override public Iterator<Row> call(Iterator<Row> files) {
            FeatureExtractor ex = CoreCalls.extractor(settings.features(), settings.segments());
            String hash = settings.hash();
            double step = settings.stepSeconds();
            return new FlatIterator<>(files, file -> {
                String path = file.getString(0);
                CoreCalls.Features f = CoreCalls.features(ex, path, (byte[]) file.get(1));
                if (f.error() != null) return List.of(error(path, hash, f.error()));
                TrackFeatures tf = f.features();
                List<Row> rows = new ArrayList<>(tf.segments().length);
                for (int s = 0; s < tf.segments().length; s++) {
                    rows.add(RowFactory.create(path, s, s * step, tf.segments()[s], hash, null));
                }
                return rows;
            });
        }
    }

    /** {@code mfcc_0..} then {@code delta_0..}: the columns of {@code recur features}' CSV. */
    static List<String> valueColumns(FeatureSettings fs) {
        return dev.recur.data.FeatureCsv.header(fs.coefficients(), fs.deltas()).subList(3, 3 + fs.dims());
    }
}
