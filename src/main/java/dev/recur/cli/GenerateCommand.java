package dev.recur.cli;

import dev.recur.app.melody.AnswerModel;
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

import java.nio.file.Path;
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

    @Option(names = "--temperature", defaultValue = "1.0", description = "Sampling temperature; lower is safer (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", description = "Sample only among the k likeliest events; 0 = all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--top-p", defaultValue = "1.0", description = "Sample only among the likeliest events whose mass reaches p (default: ${DEFAULT-VALUE}).")
    double topP;

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

    @Option(names = "--plot", paramLabel = "PNG", description = "Also draw a piano roll (primer and new notes in two colours).")
    Path plot;

    @Override public Integer call() throws Exception {
        Scale s = key == null ? null : Scale.of(key, scale);
        Sampling sampling = new Sampling(temperature, topK, topP);
        MidiWriter.Options midi = MidiWriter.Options.DEFAULT.withBpm(bpm).withProgram(program).withVelocity(velocity);
        if (respondTo != null) {
            if (primer != null) throw new IllegalArgumentException("--primer and --respond-to exclude each other");
            AnswerModel a = AnswerModel.load(model);
            Melody call = Primer.parse(respondTo, a.encoding().stepsPerQuarter());
            int n = steps != null ? steps : bars != null ? barSteps(bars, a.encoding().stepsPerBar()) : a.phraseSteps();
            GenerateOptions o = new GenerateOptions(null, n, sampling, s, beam, seed, count, midi, plot);
            for (MelodyGeneration.Result r : MelodyGeneration.respond(a, call, out, o)) {
                System.out.println("wrote " + r.midi() + " (a " + r.continuation().noteCount() + "-note response to a "
                        + r.primer().noteCount() + "-note call)");
                if (r.plot() != null) System.out.println("wrote " + r.plot());
            }
            return ExitCodes.OK;
        }
        MelodyModel m = MelodyModel.load(model);
        Melody p = primer == null ? null : Primer.parse(primer, m.encoding().stepsPerQuarter());
        int n = steps != null ? steps : barSteps(bars != null ? bars : 8, m.encoding().stepsPerBar());
        GenerateOptions o = new GenerateOptions(p, n, sampling, s, beam, seed, count, midi, plot);
        for (MelodyGeneration.Result r : MelodyGeneration.write(m, out, o)) {
            System.out.println("wrote " + r.midi() + " (" + r.continuation().noteCount() + " new notes"
                    + (r.primer().length() > 0 ? " after a " + r.primer().noteCount() + "-note primer" : "") + ")");
            if (r.plot() != null) System.out.println("wrote " + r.plot());
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
}
