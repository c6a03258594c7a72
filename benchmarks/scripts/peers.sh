# Sourced by the benchmark scripts: starts real peers on loopback with private configurations,
# and stops them when the script exits. Needs the Debian packages xrdp, freerdp2-shadow-x11,
# winpr-utils, xvfb and openssl (see .ci/run).

work="$(mktemp -d -t rdp-probe-bench.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

await_port() { # PORT PID
  for _ in $(seq 100); do
    if ! kill -0 "$2" 2>/dev/null; then return 1; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# start_xrdp [security_layer] -> sets XRDP_PORT
start_xrdp() {
  local layer="${1:-negotiate}" dir="$work/xrdp-$RANDOM"
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=rdp-probe-bench \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
  XRDP_PORT="$(free_port)"
  cat > "$dir/xrdp.ini" <<INI
[Globals]
ini_version=1
fork=false
port=tcp://127.0.0.1:$XRDP_PORT
use_vsock=false
tcp_nodelay=true
security_layer=$layer
crypt_level=high
certificate=$dir/cert.pem
key_file=$dir/key.pem
ssl_protocols=TLSv1.2, TLSv1.3
allow_channels=false
[Logging]
LogFile=$dir/xrdp.log
LogLevel=INFO
EnableSyslog=false
EnableConsole=false
[Channels]
INI
  (cd "$dir" && exec xrdp --nodaemon -c "$dir/xrdp.ini" >"$dir/xrdp.out" 2>&1) &
  local pid=$!
  pids+=("$pid")
  await_port "$XRDP_PORT" "$pid" || { echo "xrdp did not start: $(cat "$dir/xrdp.out")" >&2; exit 1; }
}

# start_shadow [sec] -> sets SHADOW_PORT (FreeRDP's shadow server on a private Xvfb display)
start_shadow() {
  local sec="${1:-tls}" dir="$work/shadow-$RANDOM"
  mkdir -p "$dir/home"
  Xvfb -displayfd 1 -nolisten tcp -screen 0 1024x768x24 >"$dir/display" 2>"$dir/xvfb.log" &
  pids+=("$!")
  for _ in $(seq 100); do [ -s "$dir/display" ] && break; sleep 0.1; done
  local display=":$(tr -d '\n' <"$dir/display")"
  winpr-hash -u bench -p bench-Pass1 -f sam >"$dir/shadow.sam" 2>/dev/null
  SHADOW_PORT="$(free_port)"
  (cd "$dir" && HOME="$dir/home" DISPLAY="$display" exec freerdp-shadow-cli \
    /bind-address:127.0.0.1 "/port:$SHADOW_PORT" "/sec:$sec" "/sam-file:$dir/shadow.sam" \
    >"$dir/shadow.log" 2>&1) &
  local pid=$!
  pids+=("$pid")
  await_port "$SHADOW_PORT" "$pid" || { echo "shadow did not start: $(cat "$dir/shadow.log")" >&2; exit 1; }
}

# median_ms RUNS COMMAND... : the median wall time of RUNS runs, in ms (hyperfine if present)
median_ms() {
  local runs="$1"; shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i -w 2 -r "$runs" --export-json "$work/h.json" -- "$(printf '%q ' "$@")" \
      >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$work/h.json"
  else
    local times=()
    for _ in $(seq "$runs"); do
      local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N)
      times+=($(( (e - s) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f\n", a[int((NR+1)/2)]/1000}'
  fi
}
