package dev.recur.peers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The peers' side of benchmarks/compare.sh.
 *
 * <pre>
 * bench   --peer djl|ort --threads N --models DIR [--only C:lstm[:mode],...] [--warmup S] [--runs N] [--min S]
 * sweep   --peer djl|ort --threads N --models DIR [--axes hidden,steps,batch] [--min S]
 * probe   --peer djl|ort --threads N --models DIR     one call of each job (run under ONEDNN_VERBOSE=1)
 * kernels --peer ort --threads N --models DIR         the kernels each model ran, from ORT's profiler
 * </pre>
 *
 * bench prints rows {@code framework,config,cell,threads,mode,value,unit} (seq/s, or us/step for config S),
 * the format of benchmarks/compare.sh's raw CSV; every job's output is checked against PyTorch 1.13's before
 * it is timed. sweep prints {@code framework,axis,hidden,steps,batch,threads,seq/s}.
 */
public final class Main {
    /** Largest |difference| from PyTorch 1.13's outputs a peer may show (float32 over hundreds of steps). */
    static final double TOLERANCE = 1e-4;
    static final String[][] JOBS = {{"C", "lstm"}, {"C", "gru"}, {"C", "rnn"}, {"M", "lstm"}, {"S", "lstm"}};
    static final Map<String, Integer> BATCH = Map.of("C", 32, "M", 64, "S", 1);

    /**
     * The cost sweep around Config M's shape (2 × LSTM, 64 inputs; hidden 256, 64 steps, batch 64), one axis at a
     * time; dev.recur.bench.Sweep runs the same points on Recur.
     */
    static final int[] SWEEP_HIDDEN = {64, 128, 256, 512, 1024};
    static final int[] SWEEP_STEPS = {16, 64, 256, 1024, 2048};
    static final int[] SWEEP_BATCH = {1, 4, 16, 64, 256};

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        if (args.length == 0) {
            System.err.println("usage: bench|sweep|probe|kernels --peer djl|ort --threads N --models DIR [...]");
            System.exit(2);
        }
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("bad option " + args[i]);
            opt.put(args[i].substring(2), args[i + 1]);
        }
        String peerName = opt.getOrDefault("peer", "djl");
        int threads = Integer.parseInt(opt.getOrDefault("threads", "1"));
        Path models = Path.of(opt.getOrDefault("models", "models"));
        Timing timing = new Timing(Double.parseDouble(opt.getOrDefault("warmup", "2")),
                Integer.parseInt(opt.getOrDefault("runs", "5")), Double.parseDouble(opt.getOrDefault("min", "2")));
        try (Peer peer = switch (peerName) {
            case "djl" -> new DjlPeer(threads);
            case "ort" -> new OrtPeer(threads);
            default -> throw new IllegalArgumentException("--peer must be djl or ort");
        }) {
            switch (args[0]) {
                case "bench", "probe" -> {
                    if (args[0].equals("probe")) System.out.println("peer: " + peer.name());
                    for (String[] job : jobs(peer, opt.getOrDefault("only", ""))) {
                        String config = job[0], cell = job[1], mode = job[2];
                        if (args[0].equals("probe")) {
                            System.out.println("prepare: " + config + "," + cell + "," + mode); // not counted
                            System.out.flush();
                        }
                        Timing.Call call = peer.prepare(models, config, cell, mode);
                        try {
                            if (args[0].equals("probe")) {
                                System.out.println("probe: " + config + "," + cell + "," + mode);
                                System.out.flush();
                                call.run();
                                System.out.flush();
                                continue;
                            }
                            double s = timing.secondsPerCall(call);
                            boolean step = mode.equals("step");
                            System.out.printf("%s,%s,%s,%d,%s,%.3f,%s%n", peer.name(), config, cell, threads, mode,
                                    step ? s * 1e6 : BATCH.get(config) / s, step ? "us/step" : "seq/s");
                            System.out.flush();
                        } finally {
                            peer.release();
                        }
                    }
                }
                case "sweep" -> {
                    for (String axis : opt.getOrDefault("axes", "hidden,steps,batch").split(",")) {
                        int[] values = switch (axis) {
                            case "hidden" -> SWEEP_HIDDEN;
                            case "steps" -> SWEEP_STEPS;
                            case "batch" -> SWEEP_BATCH;
                            default -> throw new IllegalArgumentException("axis " + axis);
                        };
                        for (int v : values) {
                            int hidden = axis.equals("hidden") ? v : 256, steps = axis.equals("steps") ? v : 64;
                            int batch = axis.equals("batch") ? v : 64;
                            Timing.Call call = peer.prepareSweep(models, hidden, batch, steps);
                            try {
                                double s = timing.secondsPerCall(call);
                                System.out.printf("%s,%s,%d,%d,%d,%d,%.3f%n", peer.name(), axis, hidden, steps, batch,
                                        threads, batch / s);
                                System.out.flush();
                            } finally {
                                peer.release();
                            }
                        }
                    }
                }
                case "kernels" -> {
                    if (!(peer instanceof OrtPeer ort)) throw new IllegalArgumentException("kernels is for --peer ort");
                    for (String[] j : JOBS) {
                        String mode = j[0].equals("S") ? "step" : "forward";
                        System.out.println(ort.name() + "," + j[0] + "," + j[1] + "," + mode + "," + ort.kernels(models, j[0], j[1]));
                    }
                }
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        }
    }

    static List<String[]> jobs(Peer peer, String only) {
        List<String[]> out = new ArrayList<>();
        for (String[] j : JOBS) {
            for (String mode : peer.modes(j[0])) {
                if (selected(only, j[0], j[1], mode)) out.add(new String[] {j[0], j[1], mode});
            }
        }
        return out;
    }

    private static boolean selected(String only, String config, String cell, String mode) {
        if (only.isEmpty()) return true;
        for (String s : only.split(",")) {
            String[] p = s.split(":");
            if (p[0].equals(config) && (p.length < 2 || p[1].equals(cell)) && (p.length < 3 || p[2].equals(mode))) return true;
        }
        return false;
    }
}
