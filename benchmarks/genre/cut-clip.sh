# Sourced by the scripts here: cut_clip IN OUT OFFSET cuts CLIP_S seconds of IN from OFFSET into OUT as 22050 Hz
# mono 16-bit PCM, the way ../shared/corpora/build-dev-corpora.sh cuts its clips, and fails (writing nothing)
# when the clip comes out short or (near) silent (mean volume at most -40 dB). Temporary file in CLIP_TMP.
cut_clip() {
  local tmp="$CLIP_TMP/clip.$$.wav" mv_db
  ffmpeg -nostdin -v quiet -y -ss "$3" -t "$CLIP_S" -i "$1" -ac 1 -ar 22050 -c:a pcm_s16le "$tmp" || return 1
  mv_db=$(ffmpeg -nostdin -hide_banner -i "$tmp" -af volumedetect -f null - 2>&1 | sed -n 's/.*mean_volume: \(-*[0-9.]*\) dB.*/\1/p')
  if [ "$(soxi -s "$tmp" 2>/dev/null || echo 0)" -ge $(( 22050 * CLIP_S - 100 )) ] &&
     awk -v m="${mv_db:--99}" 'BEGIN{exit !(m > -40)}'; then mv "$tmp" "$2"; else rm -f "$tmp"; return 1; fi
}
