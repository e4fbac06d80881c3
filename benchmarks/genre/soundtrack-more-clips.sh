#!/usr/bin/env bash
# Builds audio-soundtracks-more/: more 20 s clips of the very tracks audio-soundtracks/ was cut from (the four games
# of ../shared/corpora/build-dev-corpora.sh), every window of a track that does not overlap one of the corpus's clips,
# dealt round-robin over each class's tracks up to PER_CLASS clips a class; named <track>__x<k>.wav, so
# --group '^(.*)__' puts each with its track's corpus clips. Cut like the corpus (22050 Hz mono 16-bit PCM, silent
# clips dropped) from the packages the corpus script unpacked into DATA/.cache/root (run it first).
#
# docs/genre.md ("More audio of the same classes") measures with it whether more audio of these classes lifts the
# classifier: train-classifier ~/recur-data/audio-soundtracks --train-extra ~/recur-data/audio-soundtracks-more
# trains on the clips of the training tracks only; the test tracks' extra clips are left out.
#
#   usage: benchmarks/genre/soundtrack-more-clips.sh [DATA_DIR]     (default ~/recur-data; writes DATA_DIR/audio-soundtracks-more)
#   needs: python3, ffmpeg, ffprobe, sox (soxi); about 360 MB of clips with the default PER_CLASS=120
# The output's MANIFEST.tsv lists every clip: file, class, source file, package, offset. The music's licences are
# the packages' (see audio-soundtracks/MANIFEST.tsv); the clips stay outside the repository.
set -euo pipefail
DATA=${1:-$HOME/recur-data}
ROOT=$DATA/.cache/root
OUT=$DATA/audio-soundtracks-more
PER_CLASS=${PER_CLASS:-120}
CLIP_S=20
[ -f "$DATA/audio-soundtracks/MANIFEST.tsv" ] && [ -d "$ROOT" ] || { echo "$DATA: run build-dev-corpora.sh first" >&2; exit 1; }
mkdir -p "$OUT" "$DATA/.cache/tmp"
plan=$DATA/.cache/tmp/more-clips.tsv
python3 - "$DATA" "$ROOT" "$PER_CLASS" "$CLIP_S" > "$plan" <<'PY'
import collections, csv, os, subprocess, sys
data, root, cap, clip = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
tracks = collections.OrderedDict()   # (class, package, source file) -> (stem, offsets of the corpus's clips)
with open(os.path.join(data, "audio-soundtracks", "MANIFEST.tsv")) as f:
    for r in csv.DictReader(f, delimiter="\t"):
        t = tracks.setdefault((r["class"], r["package"], r["source_file"]), (os.path.basename(r["file"]).split("__")[0], []))
        t[1].append(int(r["offset_s"]))
by_class = collections.OrderedDict()
for (cls, pkg, src), (stem, offsets) in tracks.items():
    path = os.path.join(root, pkg, src.lstrip("/"))
    if not os.path.exists(path):   # ufoai's music is unzipped from its pk3 into <package>/music
        path = os.path.join(root, pkg, "music", os.path.basename(src))
    d = float(subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path],
                             capture_output=True, text=True).stdout.strip() or 0)
    windows, start = [], 5.0   # the gaps between the corpus's clips (5 s kept free at both ends, as the corpus does)
    for a, b in sorted((o, o + clip) for o in offsets) + [(d - 5, d - 5)]:
        n = int((a - start) // clip)
        pad = ((a - start) - n * clip) / 2
        windows += [int(start + pad + k * clip) for k in range(n)]
        start = max(start, b)
    by_class.setdefault(cls, []).append((stem, path, pkg, src, windows))
for cls, ts in by_class.items():
    picked, k = [], 0
    while len(picked) < cap and any(k < len(t[4]) for t in ts):
        for stem, path, pkg, src, w in ts:
            if k < len(w) and len(picked) < cap: picked.append((stem, path, pkg, src, w[k], k + 1))
        k += 1
    for stem, path, pkg, src, off, j in picked: print(f"{cls}\t{stem}__x{j}.wav\t{path}\t{pkg}\t{src}\t{off}")
PY
CLIP_TMP="$DATA/.cache/tmp"
. "$(dirname "$0")/cut-clip.sh"
MAN=$OUT/MANIFEST.tsv.part
printf 'file\tclass\tsource_file\tpackage\toffset_s\tseconds\n' > "$MAN"
while IFS=$'\t' read -r cls name path pkg src off; do
  mkdir -p "$OUT/$cls"; o=$OUT/$cls/$name
  if [ -s "$o" ] || cut_clip "$path" "$o" "$off"; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$cls/$name" "$cls" "$src" "$pkg" "$off" "$CLIP_S" >> "$MAN"
  fi
done < "$plan"
mv "$MAN" "$OUT/MANIFEST.tsv"
for d in "$OUT"/*/; do echo "$(basename "$d"): $(ls "$d" | wc -l) clips"; done
