package dev.recur.peers;

import ai.onnxruntime.OnnxTensor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** ONNX Runtime's CPU execution provider, inference only, on the models torch.onnx.export wrote. */
final class OrtPeer implements Peer {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final int threads;
    private final String name;
    private final List<AutoCloseable> held = new ArrayList<>();

    OrtPeer(int threads) {
        this.threads = threads;
        this.name = "onnxruntime" + env.getVersion();
        System.err.printf("%s: intra-op threads %d, inter-op threads 1, optimization ALL, sequential execution%n",
                name, threads);
    }

    @Override public String name() { return name; }

    @Override public List<String> modes(String config) {
        return config.equals("S") ? List.of("step") : List.of("forward");
    }

    private OrtSession session(Path model, String profilePrefix) throws Exception {
        try (SessionOptions so = new SessionOptions()) {
            so.setIntraOpNumThreads(threads);
            so.setInterOpNumThreads(1);
            so.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(SessionOptions.OptLevel.ALL_OPT);
            if (profilePrefix != null) so.enableProfiling(profilePrefix);
            OrtSession s = env.createSession(model.toString(), so);
            held.add(s);
            return s;
        }
    }

    private OnnxTensor tensor(float[] data, long... shape) throws Exception {
        OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
        held.add(t);
        return t;
    }

    private static float[] floats(OnnxTensor t) {
        FloatBuffer fb = t.getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    @Override
    public Timing.Call prepare(Path models, String config, String cell, String mode) throws Exception {
        Models f = Models.read(models.resolve(config + "_" + cell + ".safetensors"));
        OrtSession s = session(models.resolve(config + "_" + cell + ".onnx"), null);
        OnnxTensor x = tensor(f.get("x").data(), f.get("x").shape());
        int layers = f.meta("layers"), hidden = f.meta("hidden"), batch = f.meta("batch");
        if (mode.equals("forward")) {
            Map<String, OnnxTensor> in = Map.of("x", x);
            try (OrtSession.Result r = s.run(in)) {
                float[] y = floats((OnnxTensor) r.get("y").orElseThrow());
                Peer.agree(name, config + " " + cell + " y[:, -1]", Peer.lastStep(y, batch, f.meta("steps"), hidden),
                        f.get("ref_y_last").data());
            }
            return () -> {
                try (OrtSession.Result r = s.run(in)) {
                    // outputs live in ORT-allocated tensors, freed here
                }
            };
        }
        if (!mode.equals("step")) throw new IllegalArgumentException(mode);
        float[] zeros = new float[layers * hidden];
        OnnxTensor h0 = tensor(zeros, layers, 1, hidden), c0 = tensor(zeros, layers, 1, hidden);
        OrtSession.Result[] last = {null};
        held.add(() -> { if (last[0] != null) last[0].close(); });
        Map<String, OnnxTensor> in = new HashMap<>(Map.of("x", x, "h0", h0, "c0", c0));
        Timing.Call step = () -> {
            OrtSession.Result r = s.run(in);
            in.put("h0", (OnnxTensor) r.get("hn").orElseThrow());
            in.put("c0", (OnnxTensor) r.get("cn").orElseThrow());
            if (last[0] != null) last[0].close();
            last[0] = r;
        };
        for (int i = 0; i < 8; i++) step.run();
        Peer.agree(name, "S h after 8 steps", floats(in.get("h0")), f.get("ref_h8").data());
        Peer.agree(name, "S c after 8 steps", floats(in.get("c0")), f.get("ref_c8").data());
        return step;
    }

    @Override
    public Timing.Call prepareSweep(Path models, int hidden, int batch, int steps) throws Exception {
        OrtSession s = session(models.resolve("sweep_h" + hidden + ".onnx"), null);
        float[] xs = new float[batch * steps * 64];
        Random r = new Random(1);
        for (int i = 0; i < xs.length; i++) xs[i] = (float) r.nextGaussian();
        Map<String, OnnxTensor> in = Map.of("x", tensor(xs, batch, steps, 64));
        return () -> {
            try (OrtSession.Result res = s.run(in)) {
                // discarded
            }
        };
    }

    /** The kernels (op@provider x count) one call of a job's model ran, from ORT's session profiler. */
    String kernels(Path models, String config, String cell) throws Exception {
        Path dir = Files.createTempDirectory("ort-profile");
        Models f = Models.read(models.resolve(config + "_" + cell + ".safetensors"));
        OrtSession s = session(models.resolve(config + "_" + cell + ".onnx"), dir.resolve("p").toString());
        Map<String, OnnxTensor> in = new HashMap<>(Map.of("x", tensor(f.get("x").data(), f.get("x").shape())));
        if (config.equals("S")) {
            int layers = f.meta("layers"), hidden = f.meta("hidden");
            in.put("h0", tensor(new float[layers * hidden], layers, 1, hidden));
            in.put("c0", tensor(new float[layers * hidden], layers, 1, hidden));
        }
        try (OrtSession.Result r = s.run(in)) {
            // one call
        }
        Map<String, Integer> count = new TreeMap<>();
        for (JsonNode e : new ObjectMapper().readTree(Path.of(s.endProfiling()).toFile())) {
            if (!"Node".equals(e.path("cat").asText()) || !e.path("name").asText().endsWith("_kernel_time")) continue;
            JsonNode a = e.path("args");
            count.merge(a.path("op_name").asText() + "@" + a.path("provider").asText().replace("ExecutionProvider", "EP"),
                    1, Integer::sum);
        }
        release();
        StringBuilder sb = new StringBuilder();
        count.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append(" x").append(v));
        return sb.toString();
    }

    @Override
    public void release() throws Exception {
        for (int i = held.size() - 1; i >= 0; i--) held.get(i).close();
        held.clear();
    }

    @Override
    public void close() throws Exception {
        release();
    }
}
