#!/usr/bin/env bash
# Builds audio-other-games/: recorded music of eleven more free games, one folder per game, cut like
# ../shared/corpora/build-dev-corpora.sh cuts audio-soundtracks/ (20 s clips from tracks >= 60 s, 22050 Hz mono
# 16-bit PCM, silent clips dropped, up to PER_CLASS clips a game spread over its tracks), from Debian packages
# fetched with `apt-get download` and unpacked with `dpkg-deb -x` (nothing is installed). None of these games
# shares composers with the four soundtrack classes (supertux, widelands, ufoai, freedroidrpg).
#
# docs/genre.md ("More audio: fine-tuning and pretraining") measures with it whether more music of the same kind
# helps the soundtrack classifier: as --start-from's first model and as --pretrain-data.
#
#   usage: benchmarks/genre/other-game-music.sh [OUT_DIR]     (default ~/recur-data/audio-other-games)
#   needs: apt-get (package lists present), dpkg-deb, unzip, ffmpeg, ffprobe, sox (soxi); about 3.5 GB of
#          downloads in CACHE (default ~/.cache/recur-corpora/other-games) and 650 MB of clips
# OUT_DIR/MANIFEST.tsv lists every clip: file, class, source file, package, version, offset. The music's
# licences are the packages' (see each package's debian/copyright); the clips stay outside the repository.
set -euo pipefail
OUT=${1:-$HOME/recur-data/audio-other-games}
CACHE=${CACHE:-$HOME/.cache/recur-corpora/other-games}
PER_CLASS=${PER_CLASS:-100}
CLIP_S=20
# class  package  music folder inside the unpacked package (the 0 A.D. music is inside a zip)
CLASSES="0ad:0ad-data:0ad-music
wesnoth:wesnoth-1.16-music:usr/share/games/wesnoth
warzone2100:warzone2100-music:usr/share
hedgewars:hedgewars-data:usr/share/games/hedgewars/Data/Music
megaglest:megaglest-data:usr/share/games/megaglest
flare:flare-game:usr/share/games/flare
openclonk:openclonk-data:usr/share/games/openclonk
etr:extremetuxracer-data:usr/share/games/etr/music
xmoto:xmoto-data:usr/share/games/xmoto
lincity:lincity-ng-data:usr/share/games/lincity-ng/music
redeclipse:redeclipse-data:usr/share/games/redeclipse"
mkdir -p "$CACHE/debs" "$CACHE/root" "$CACHE/tmp" "$OUT"
declare -A VER
for line in $CLASSES; do
  IFS=: read -r cls pkg dir <<< "$line"
  ls "$CACHE/debs/${pkg}_"*.deb >/dev/null 2>&1 || (cd "$CACHE/debs" && apt-get download "$pkg" 2>&1 | grep -vE '^(Get|Fetched|W: Download is performed unsandboxed)' || true)
  deb=$(ls "$CACHE/debs/${pkg}_"*.deb 2>/dev/null | head -1)
  [ -n "$deb" ] || { echo "could not download $pkg (apt sources?)" >&2; exit 1; }
  VER[$pkg]=$(dpkg-deb -f "$deb" Version)
  if [ ! -e "$CACHE/root/$pkg/.done" ]; then
    rm -rf "$CACHE/root/$pkg"; mkdir -p "$CACHE/root/$pkg"
    dpkg-deb -x "$deb" "$CACHE/root/$pkg" && touch "$CACHE/root/$pkg/.done"
  fi
done
if [ ! -e "$CACHE/root/0ad-data/0ad-music/.done" ]; then
  mkdir -p "$CACHE/root/0ad-data/0ad-music"
  (cd "$CACHE/root/0ad-data/0ad-music" && unzip -q -o ../usr/share/games/0ad/mods/public/public.zip 'audio/music/*.ogg' && touch .done)
fi

MAN=$OUT/MANIFEST.tsv.part
printf 'file\tclass\tsource_file\tpackage\tversion\toffset_s\tseconds\n' > "$MAN"
CLIP_TMP="$CACHE/tmp"
. "$(dirname "$0")/cut-clip.sh"
for line in $CLASSES; do
  IFS=: read -r cls pkg dir <<< "$line"
  root=$CACHE/root/$pkg; tracks=(); durs=()
  while read -r f; do   # music only: files under a folder named like music, at least a minute long
    d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f" 2>/dev/null || true); d=${d%.*}
    [[ $d =~ ^[0-9]+$ ]] && [ "$d" -ge 60 ] && { tracks+=("$f"); durs+=("$d"); }
  done < <(find "$root/$dir" -type f \( -iname '*.ogg' -o -iname '*.mp3' -o -iname '*.flac' -o -iname '*.opus' \) -size +300k \
             | sed "s|^$root/||" | grep -i music | sort | sed "s|^|$root/|")
  n=${#tracks[@]}; [ "$n" -gt 0 ] || { echo "$cls: no tracks" >&2; continue; }
  per=$(( (PER_CLASS + n - 1) / n ))
  mkdir -p "$OUT/$cls"
  for i in "${!tracks[@]}"; do
    f=${tracks[$i]}; d=${durs[$i]}; stem=$(basename "${f%.*}" | tr 'A-Z ' 'a-z_' | tr -cd 'a-z0-9_.-')
    m=$(( (d - 10) / CLIP_S )); [ "$m" -gt "$per" ] && m=$per
    seg=$(( (d - 10) / m ))
    for k in $(seq 1 "$m"); do
      off=$(( 5 + (k - 1) * seg + (seg - CLIP_S) / 2 )); o=$OUT/$cls/${stem}__$k.wav
      if [ -s "$o" ] || cut_clip "$f" "$o" "$off"; then
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cls/${stem}__$k.wav" "$cls" "${f#$root/}" "$pkg" "${VER[$pkg]}" "$off" "$CLIP_S" >> "$MAN"
      fi
    done
  done
  echo "$cls: $n tracks, $(ls "$OUT/$cls" | wc -l) clips"
done
mv "$MAN" "$OUT/MANIFEST.tsv"
