package dev.recur.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A safetensors file of export_models.py: float32 tensors by name and its metadata (config, sizes). */
record Models(Map<String, Tensor> tensors, Map<String, String> meta) {
    record Tensor(long[] shape, float[] data) {}

    static Models read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = Math.toIntExact(b.getLong());
        byte[] h = new byte[headerLen];
        b.get(h);
        int dataStart = 8 + headerLen;
        JsonNode header = new ObjectMapper().readTree(h);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().properties().forEach(m -> meta.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            JsonNode shapeNode = e.getValue().get("shape");
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) shape[i] = shapeNode.get(i).asLong();
            long from = e.getValue().get("data_offsets").get(0).asLong(), to = e.getValue().get("data_offsets").get(1).asLong();
            float[] data = new float[Math.toIntExact((to - from) / 4)];
            b.position(Math.toIntExact(dataStart + from));
            b.asFloatBuffer().get(data);
            tensors.put(e.getKey(), new Tensor(shape, data));
        }
        return new Models(tensors, meta);
    }

    int meta(String key) {
        return Integer.parseInt(meta.get(key));
    }

    Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) throw new IllegalArgumentException("no tensor " + name + " in " + tensors.keySet());
        return t;
    }

    /** The recurrent parameters in torch's flat order: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, l1... */
    List<Tensor> flatParams() {
        List<Tensor> out = new ArrayList<>();
        for (int l = 0; l < meta("layers"); l++) {
            for (String n : new String[] {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"}) out.add(get(n + l));
        }
        return out;
    }
}
