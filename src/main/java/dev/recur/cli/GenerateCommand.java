package dev.recur.cli;

import dev.recur.app.melody.AnswerModel;
import dev.recur.app.melody.CorpusScaling;
import dev.recur.app.melody.GenerateOptions;
import dev.recur.app.melody.MelodyGeneration;
import dev.recur.app.melody.MelodyModel;
import dev.recur.app.melody.Primer;
import dev.recur.app.melody.Sampling;
import dev.recur.app.melody.Scale;
import dev.recur.midi.Melody;
import dev.recur.midi.MidiWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import dev.recur.app.melody.MelodyAudio;
import dev.recur.app.melody.MelodyStats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code recur generate}: writes new melodies from a trained melody model. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate melodies with a model from train-melody and write them as MIDI files "
                + "(the primer followed by the new notes).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Model folder from train-melody.")
    Path model;

    @Option(names = "--out", defaultValue = "melody.mid", description = "MIDI file to write; with --count N: name-1.mid ... (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--primer", paramLabel = "PRIMER",
            description = "Melody to continue: a .mid file, a .txt of note text, note text like \"C4 D4 E4 - G4\" "
                    + "('-' hold, '.' rest, one token per step), or MIDI events per step \"60,62,64\" (-2 hold, -1 off).")
    String primer;

    @Option(names = "--bars", description = "Bars to generate (default: 8, or one phrase with --respond-to).")
    Integer bars;

    @Option(names = "--respond-to", paramLabel = "CALL",
            description = "Answer mode (a model from train-melody --answer): write a response phrase to this call "
                    + "(a .mid file, or note text / MIDI numbers as for --primer).")
    String respondTo;

    @Option(names = "--steps", description = "Grid steps to generate (overrides --bars).")
    Integer steps;

    @Option(names = "--temperature", description = "Sampling temperature of the pitch of each new note; lower is "
            + "safer (default: the one train-melody recorded for the corpus size: with the copy cache 1.05, or 0.75 for a small "
            + "corpus of up to 20,000 training events; without it (--cache-scale 0, or a model without a cache) 0.9, or 0.5 for a "
            + "small corpus; 0.9 with --joint-sampling, --respond-to or an older model; see docs/melody.md).")
    Double temperature;

    @Option(names = "--rhythm-temperature", defaultValue = "1.0",
            description = "Temperature of the hold / rest / new-note decision; --temperature, --top-k and --top-p then apply to "
                    + "the pitch of a new note only, so a low temperature gives safer pitches without fewer notes (default: ${DEFAULT-VALUE}).")
    double rhythmTemperature;

    @Option(names = "--joint-sampling", description = "Sample all events at --temperature together, as before --rhythm-temperature "
            + "existed (low temperatures then give mostly holds and rests).")
    boolean jointSampling;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample only among the k likeliest events; 0 = all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", description = "Sample only among the likeliest events whose mass reaches p (default: with the copy "
            + "cache the one train-melody recorded for it, 0.95; else 1, every event).")
    Double topP;

    @Option(names = "--cache-scale", paramLabel = "S", description = "How much of the model's copy cache (the melody's own "
            + "bars at least 4 back as a predictor, fitted by train-melody) sampling mixes in: 1 = as fitted, 0 = the network "
            + "alone; beam search and --respond-to never use it (default: 1, with the pitch temperature train-melody recorded "
            + "for it unless --temperature is given: 0.75 for a small corpus, 1.05 for a large one; 0 for a model without a "
            + "cache; see docs/melody.md).")
    Double cacheScale;

    @Option(names = "--beam", defaultValue = "0", description = "Beam search of this width for the most likely continuation; 0 = sample (default: ${DEFAULT-VALUE}).")
    int beam;

    @Option(names = "--seed", defaultValue = "1", description = "Seed; the same seed gives the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--count", defaultValue = "1", description = "Number of variations (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--bpm", defaultValue = "120", description = "Tempo (default: ${DEFAULT-VALUE}).")
    double bpm;

    @Option(names = "--program", defaultValue = "0", description = "General MIDI instrument, 0-based (0 = piano, 73 = flute) (default: ${DEFAULT-VALUE}).")
    int program;

    @Option(names = "--velocity", defaultValue = "90", description = "Note velocity 1..127 (default: ${DEFAULT-VALUE}).")
    int velocity;

    @Option(names = "--key", description = "Keep generated pitches in this key's scale (with --scale), e.g. D, F#, Bb.")
    String key;

    @Option(names = "--scale", defaultValue = "major", description = "Scale for --key: major, minor, harmonic-minor, melodic-minor, "
            + "dorian, phrygian, lydian, mixolydian, pentatonic, minor-pentatonic, blues, chromatic (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--wav", paramLabel = "WAV",
            description = "Also render each melody to a WAV file (44.1 kHz mono) with the JDK's software synthesizer and "
                    + "the --program instrument; with --count N: name-1.wav ...")
    Path wav;

    @Option(names = "--play", description = "Play each melody on the default MIDI device (the JDK's synthesizer on the "
            + "default sound output), or say that there is none.")
    boolean play;

    @Option(names = "--stats", description = "Print the musical features of each generated melody (see melody-stats).")
    boolean stats;

    @Option(names = "--reference", paramLabel = "MIDI_DIR", description = "With --stats: a folder of human melodies (e.g. the "
            + "training folder) whose excerpts of the generated length are shown beside, compared when --count is 2 or more.")
    Path reference;

    @Option(names = "--plot", paramLabel = "PNG", description = "Also draw a piano roll (primer and new notes in two colours).")
    Path plot;

    @Override public Integer call() throws Exception {
        Scale s = key == null ? null : Scale.of(key, scale);
        // model.json is read once, and only when a default it records is needed.
        MelodyModel.SamplingDefaults d = respondTo != null || cacheScale != null && (jointSampling || temperature != null && topP != null)
                ? null : MelodyModel.SamplingDefaults.of(model);
        double cache = cacheScale != null ? cacheScale : respondTo != null ? 0 : d.cacheScale();
        double t = temperature != null ? temperature
                : jointSampling || respondTo != null ? CorpusScaling.LARGE_PITCH_TEMPERATURE : d.pitchTemperature(cache > 0);
        double nucleus = topP != null ? topP : jointSampling || respondTo != null ? 1 : d.topP(cache > 0);
        Sampling sampling = jointSampling ? new Sampling(t, topK, nucleus)
                : Sampling.split(t, topK, nucleus, rhythmTemperature);
        MidiWriter.Options midi = MidiWriter.Options.DEFAULT.withBpm(bpm).withProgram(program).withVelocity(velocity);
        if (respondTo != null) {
            if (primer != null) throw new IllegalArgumentException("--primer and --respond-to exclude each other");
            AnswerModel a = AnswerModel.load(model);
            Melody call = Primer.parse(respondTo, a.encoding().stepsPerQuarter());
            int n = steps != null ? steps : bars != null ? barSteps(bars, a.encoding().stepsPerBar()) : a.phraseSteps();
            GenerateOptions o = new GenerateOptions(null, n, sampling, s, beam, seed, count, midi, plot);
            List<MelodyGeneration.Result> responses = MelodyGeneration.respond(a, call, out, o);
            for (MelodyGeneration.Result r : responses) {
                System.out.println("wrote " + r.midi() + " (a " + r.continuation().noteCount() + "-note response to a "
                        + r.primer().noteCount() + "-note call)");
                if (r.plot() != null) System.out.println("wrote " + r.plot());
            }
            hear(responses);
            return ExitCodes.OK;
        }
        MelodyModel m = MelodyModel.load(model);
        Melody p = primer == null ? null : Primer.parse(primer, m.encoding().stepsPerQuarter());
        int n = steps != null ? steps : barSteps(bars != null ? bars : 8, m.encoding().stepsPerBar());
        GenerateOptions o = new GenerateOptions(p, n, sampling, s, beam, seed, count, midi, plot, cache);
        // Read the reference first: a bad folder should stop the run before anything is written.
        MelodyStats.Settings statsSettings = new MelodyStats.Settings(m.encoding().stepsPerQuarter(), m.encoding().stepsPerBar(),
                Math.max(1, n / m.encoding().stepsPerBar()));
        MelodyStats.MelodySet ref = stats && reference != null ? MelodyStats.load(reference, "reference", statsSettings, dev.recur.progress.Progress.NONE) : null;
        List<MelodyGeneration.Result> results = MelodyGeneration.write(m, out, o);
        List<String> names = new ArrayList<>();
        List<Melody> generated = new ArrayList<>();
        for (MelodyGeneration.Result r : results) {
            System.out.println("wrote " + r.midi() + " (" + r.continuation().noteCount() + " new notes"
                    + (r.primer().length() > 0 ? " after a " + r.primer().noteCount() + "-note primer" : "")
                    + (r.key() != null ? ", in " + r.key() : "") + ")");
            if (r.plot() != null) System.out.println("wrote " + r.plot());
            names.add(r.midi().getFileName().toString());
            generated.add(r.continuation());
        }
        hear(results);
        if (stats) {
            MelodyStats.Settings whole = new MelodyStats.Settings(statsSettings.stepsPerQuarter(), statsSettings.stepsPerBar(), 0);
            MelodyStats.MelodySet set = MelodyStats.measure(out.toString(), names, generated, whole);
            for (MelodyStats.Measured x : set.melodies()) MelodyStats.printMelody(System.out, x.name() + " (new notes)", x.features(), ref);
            if (ref != null && set.melodies().size() > 1) {
                MelodyStats.MelodySet asExcerpts = new MelodyStats.MelodySet(set.source(), statsSettings, set.melodies(), List.of());
                MelodyStats.printTable(System.out, ref, asExcerpts, MelodyStats.compare(ref, asExcerpts));
            }
        }
        return ExitCodes.OK;
    }

    /** Grid steps of {@code n} bars, refused beyond {@link GenerateOptions#MAX_STEPS} (no int overflow on the way). */
    private static int barSteps(int n, int stepsPerBar) {
        long total = (long) n * stepsPerBar;
        if (total > GenerateOptions.MAX_STEPS) {
            throw new UsageError("--bars " + n + " is " + total + " steps; at most " + GenerateOptions.MAX_STEPS
                    + " steps (" + GenerateOptions.MAX_STEPS / stepsPerBar + " bars of this model) per melody");
        }
        return (int) total;
    }

    /** --wav and --play: each written MIDI file rendered to audio and/or played, exactly as written. */
    private void hear(List<MelodyGeneration.Result> results) throws java.io.IOException {
        for (int i = 0; i < results.size(); i++) {
            Path midiFile = results.get(i).midi();
            if (wav != null) {
                Path w = MelodyGeneration.numbered(wav, i + 1, results.size());
                double seconds = MelodyAudio.writeWav(midiFile, w);
                System.out.printf(java.util.Locale.ROOT, "wrote %s (%.1f s, General MIDI program %d)%n", w, seconds, program);
            }
        }
        if (play) {
            for (MelodyGeneration.Result r : results) {
                System.out.println("playing " + r.midi());
                try {
                    MelodyAudio.play(r.midi());
                } catch (java.io.IOException e) {
                    throw new java.io.IOException("--play: " + e.getMessage() + "; the MIDI file is written"
                            + (wav == null ? " (--wav FILE renders it to audio)" : ""), e);
                }
            }
        }
    }
}
