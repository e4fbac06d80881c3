package dev.recur.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recur.app.genre.GenreClassifier;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictionOutputTest {
    private static final List<String> LABELS = List.of("drums", "organ", "piano");
    private static final GenreClassifier.Prediction A = new GenreClassifier.Prediction(Path.of("a, b.wav"), LABELS, 2, new float[] {0.1f, 0.7f, 0.2f});
    private static final GenreClassifier.Prediction B = new GenreClassifier.Prediction(Path.of("c.mp3"), LABELS, 5, new float[] {0.5f, 0.2f, 0.3f});

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);

    private String written() { return bytes.toString(StandardCharsets.UTF_8); }

    @Test void eachPredictionIsOnTheStreamAsSoonAsItIsAdded() throws Exception {
        PredictionOutput csv = PredictionOutput.of(PredictionOutput.Format.csv, 2, out);
        csv.begin();
        assertEquals("file,segments,label,probability,top\n", written());
        csv.add(A);
        assertEquals("file,segments,label,probability,top\n\"a, b.wav\",2,organ,0.7000,organ:0.7000;piano:0.2000\n", written());
        csv.add(B);
        csv.end();
        assertTrue(written().endsWith("c.mp3,5,drums,0.5000,drums:0.5000;piano:0.3000\n"), written());

        bytes.reset();
        PredictionOutput text = PredictionOutput.of(PredictionOutput.Format.text, 1, out);
        text.begin();
        text.add(A);
        assertEquals("a, b.wav\torgan\t0.700\t(organ 0.700)\n", written());
    }

    /** The streamed array is, byte for byte, what an indenting ObjectMapper writes for the whole list at the end. */
    @Test void jsonIsTheIndentedArrayWrittenElementByElement() throws Exception {
        PredictionOutput json = PredictionOutput.of(PredictionOutput.Format.json, 3, out);
        json.begin();
        json.add(A);
        String first = written();
        assertTrue(first.startsWith("[ {") && first.contains("\"file\" : \"a, b.wav\"") && first.trim().endsWith("}"), first);
        json.add(B);
        json.end();
        ObjectMapper m = new ObjectMapper();
        List<?> rows = m.readValue(written(), List.class);
        assertEquals(2, rows.size());
        assertEquals(m.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows) + System.lineSeparator(), written());

        bytes.reset();
        PredictionOutput none = PredictionOutput.of(PredictionOutput.Format.json, 3, out);
        none.begin();
        none.end();
        assertEquals("[ ]" + System.lineSeparator(), written());
    }
}
