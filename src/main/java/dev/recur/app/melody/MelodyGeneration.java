package dev.recur.app.melody;

import dev.recur.midi.Melody;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.midi.MidiWriter;
import dev.recur.midi.Transposition;
import dev.recur.plot.PianoRoll;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Writes generated melodies (primer + continuation) as MIDI files, and optionally piano rolls. */
public final class MelodyGeneration {

    /** One written variation; {@code key} says what key it was generated in (null for an as-played model). */
    public record Result(Path midi, Path plot, Melody primer, Melody continuation, String key) {}

    private MelodyGeneration() {}

    /**
     * How a key-normalised model's generation reaches the key wanted: the primer moved into the model's
     * space (C major / A minor), the mask of allowed tokens there, and the shift that moves the result out.
     *
     * @param primer  the primer as the model reads it (folded, normalised when the model is)
     * @param allowed tokens allowed at every generated step (null = all)
     * @param shift   semitones from the model's space to the written melody
     * @param key     the key of the written melody, in words (null for an as-played model without --key)
     */
    public record KeyPlan(Melody primer, boolean[] allowed, int shift, String key) {

        /**
         * An as-played model generates where it is, masked by the scale if one is given. A key-normalised one
         * generates in its own space: without --key in the primer's key (the primer comes back as written) or
         * in C major / A minor without a primer; with --key in that key and scale (a primer moves there too).
         */
        public static KeyPlan of(MelodyEncoding enc, Melody primer, Scale scale) {
            MelodyVocabulary vocab = enc.vocabulary();
            Melody p = primer == null ? new Melody(new int[0], enc.stepsPerQuarter()) : primer;
            if (!enc.keyNormalized()) {
                return new KeyPlan(vocab.fold(p), scale == null ? null : scale.mask(vocab), 0, scale == null ? null : scale.toString());
            }
            Transposition.Normalized n = Transposition.normalize(p, vocab);
            boolean hasNotes = p.noteCount() > 0;
            if (scale == null) {
                String key = hasNotes ? n.key().name() + " (the primer's key)" : "C major / A minor";
                return new KeyPlan(n.melody(), null, hasNotes ? -n.shift() : 0, key);
            }
            Scale inModel = scale.on(scale.normalizedTonic());
            int pitchClassShift = scale.tonic() - scale.normalizedTonic();
            // The octave nearest the primer's own register (or no move at all without a primer).
            int reference = hasNotes ? -n.shift() : 0;
            int shift = reference + Math.floorMod(pitchClassShift - reference + 6, 12) - 6;
            return new KeyPlan(n.melody(), inModel.mask(vocab), shift, scale.toString());
        }
    }

    /** The continuation tokens of variation {@code index} (1-based), in the model's space. */
    public static int[] continuation(MelodyGenerator g, int[] primer, boolean[] allowed, GenerateOptions o, int index) {
        if (o.beam() > 0) return MelodyComposer.beam(g, primer, o.steps(), o.beam(), allowed);
        CopyWeights cache = g.model().copyWeights() == null ? null : g.model().copyWeights().scaled(o.cacheScale());
        return MelodyComposer.sample(g, primer, o.steps(), o.sampling(), allowed, new Random(o.seed() + index - 1), cache);
    }

    public static List<Result> write(MelodyModel model, Path out, GenerateOptions o) throws IOException {
        MelodyEncoding enc = model.encoding();
        MelodyVocabulary vocab = enc.vocabulary();
        if (o.primer() != null && o.primer().stepsPerQuarter() != enc.stepsPerQuarter()) {
            throw new IllegalArgumentException("primer has " + o.primer().stepsPerQuarter() + " steps per quarter, the model "
                    + enc.stepsPerQuarter());
        }
        KeyPlan plan = KeyPlan.of(enc, o.primer(), o.scale());
        Melody primer = plan.primer();
        int[] primerTokens = vocab.encode(primer);
        MelodyGenerator g = new MelodyGenerator(model);
        List<Result> results = new ArrayList<>();
        for (int i = 1; i <= o.count(); i++) {
            int[] tokens = continuation(g, primerTokens, plan.allowed(), o, i);
            Melody cont = transpose(vocab.decode(tokens, enc.stepsPerQuarter()), plan.shift());
            Melody written = transpose(primer, plan.shift());
            int[] all = new int[written.length() + cont.length()];
            System.arraycopy(written.events(), 0, all, 0, written.length());
            System.arraycopy(cont.events(), 0, all, written.length(), cont.length());
            Path midi = numbered(out, i, o.count());
            MidiWriter.write(new Melody(all, enc.stepsPerQuarter()), midi, o.midi());
            Path plot = null;
            if (o.plot() != null) {
                plot = numbered(o.plot(), i, o.count());
                String title = midi.getFileName() + (plan.key() == null ? "" : " (" + plan.key() + ")");
                PianoRoll.write(written, cont, enc.stepsPerBar(), title, plot);
            }
            results.add(new Result(midi, plot, written, cont, plan.key()));
        }
        return results;
    }

    /** The melody moved by {@code semitones}, by octaves back into MIDI's range where a note would leave it. */
    static Melody transpose(Melody m, int semitones) {
        if (semitones == 0) return m;
        int[] e = m.events();
        for (int i = 0; i < e.length; i++) {
            if (e[i] < 0) continue;
            int p = e[i] + semitones;
            while (p < 0) p += 12;
            while (p > 127) p -= 12;
            e[i] = p;
        }
        return new Melody(e, m.stepsPerQuarter());
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
            results.add(new Result(midi, plot, heard, response, o.scale() == null ? null : o.scale().toString()));
        }
        return results;
    }

    /** {@code melody.mid} → {@code melody-3.mid} when there is more than one variation. */
    public static Path numbered(Path p, int i, int count) {
        if (count == 1) return p;
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot > 0 ? name.substring(0, dot) + "-" + i + name.substring(dot) : name + "-" + i;
        return p.resolveSibling(numbered);
    }
}
