package dev.recur.cli;

import dev.recur.samples.MelodyCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code recur midi-corpus}: turns a hand-entered melody text file into one MIDI file per tune. */
@Command(name = "midi-corpus", mixinStandardHelpOptions = true,
        description = "Write one .mid per tune of a melody text file (the demo corpus: samples/midi/melodies.txt).")
final class MidiCorpusCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MELODIES_TXT", defaultValue = "samples/midi/melodies.txt",
            description = "Melody text file (default: ${DEFAULT-VALUE}).")
    Path text;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the text file's folder).")
    Path out;

    @Override public Integer call() throws Exception {
        List<MelodyCorpus.Tune> tunes = MelodyCorpus.read(text);
        Path dir = out != null ? out : text.toAbsolutePath().getParent();
        List<Path> files = MelodyCorpus.writeMidi(tunes, dir);
        System.out.println("wrote " + files.size() + " MIDI files to " + dir);
        return ExitCodes.OK;
    }
}
