package dev.recur.app.melody;

import dev.recur.midi.Melody;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.midi.MidiWriter;
import dev.recur.plot.PianoRoll;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes generated melodies (primer + continuation) as MIDI files, and optionally piano rolls. */
public final class MelodyGeneration {

    /** One written variation. */
    public record Result(Path midi, Path plot, Melody primer, Melody continuation) {}

    private MelodyGeneration() {}

    /** The continuation tokens of variation {@code index} (1-based). */
    public static int[] continuation(MelodyGenerator g, int[] primer, GenerateOptions o, int index) {
        boolean[] allowed = o.scale() == null ? null : o.scale().mask(g.encoding().vocabulary());
        if (o.beam() > 0) return MelodyComposer.beam(g, primer, o.steps(), o.beam(), allowed);
        return MelodyComposer.sample(g, primer, o.steps(), o.sampling(), allowed, new Random(o.seed() + index - 1));
    }

    public static List<Result> write(MelodyModel model, Path out, GenerateOptions o) throws IOException {
        MelodyEncoding enc = model.encoding();
        MelodyVocabulary vocab = enc.vocabulary();
        Melody primer = o.primer() == null ? new Melody(new int[0], enc.stepsPerQuarter()) : vocab.fold(o.primer());
        if (primer.stepsPerQuarter() != enc.stepsPerQuarter()) {
            throw new IllegalArgumentException("primer has " + primer.stepsPerQuarter() + " steps per quarter, the model "
                    + enc.stepsPerQuarter());
        }
        int[] primerTokens = vocab.encode(primer);
        MelodyGenerator g = new MelodyGenerator(model);
        List<Result> results = new ArrayList<>();
        for (int i = 1; i <= o.count(); i++) {
            int[] tokens = continuation(g, primerTokens, o, i);
            Melody cont = vocab.decode(tokens, enc.stepsPerQuarter());
            int[] all = new int[primer.length() + cont.length()];
            System.arraycopy(primer.events(), 0, all, 0, primer.length());
            System.arraycopy(cont.events(), 0, all, primer.length(), cont.length());
            Path midi = numbered(out, i, o.count());
            MidiWriter.write(new Melody(all, enc.stepsPerQuarter()), midi, o.midi());
            Path plot = null;
            if (o.plot() != null) {
                plot = numbered(o.plot(), i, o.count());
                String title = midi.getFileName() + (o.scale() == null ? "" : " (" + o.scale() + ")");
                PianoRoll.write(primer, cont, enc.stepsPerBar(), title, plot);
            }
            results.add(new Result(midi, plot, primer, cont));
        }
        return results;
    }

    /**
     * Answer mode: writes a response phrase to {@code call} (its last phrase-length steps are what the
     * encoder reads); the piano roll shows the call and the response. {@code o.primer()} is ignored.
     */
    public static List<Result> respond(AnswerModel model, Melody call, Path out, GenerateOptions o) throws IOException {
        MelodyEncoding enc = model.encoding();
        MelodyVocabulary vocab = enc.vocabulary();
        Melody folded = vocab.fold(call);
        if (folded.noteCount() == 0) throw new IllegalArgumentException("the call has no notes");
        Melody heard = folded.slice(Math.max(0, folded.length() - model.phraseSteps()), folded.length());
        int[] callTokens = vocab.encode(heard);
        boolean[] allowed = o.scale() == null ? null : o.scale().mask(vocab);
        List<Result> results = new ArrayList<>();
        for (int i = 1; i <= o.count(); i++) {
            MelodyGenerator g = model.respondTo(callTokens);
            int[] tokens = o.beam() > 0 ? MelodyComposer.beam(g, o.steps(), o.beam(), allowed)
                    : MelodyComposer.sample(g, o.steps(), o.sampling(), allowed, new Random(o.seed() + i - 1));
            Melody response = vocab.decode(tokens, enc.stepsPerQuarter());
            Path midi = numbered(out, i, o.count());
            MidiWriter.write(response, midi, o.midi());
            Path plot = null;
            if (o.plot() != null) {
                plot = numbered(o.plot(), i, o.count());
                PianoRoll.write(heard, response, enc.stepsPerBar(), midi.getFileName() + " (call, response)", plot);
            }
            results.add(new Result(midi, plot, heard, response));
        }
        return results;
    }

    /** {@code melody.mid} → {@code melody-3.mid} when there is more than one variation. */
    static Path numbered(Path p, int i, int count) {
        if (count == 1) return p;
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + i + name.substring(dot) : name + "-" + i;
        return p.resolveSibling(numbered);
    }
}
