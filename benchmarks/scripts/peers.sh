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

# start_xrdp [security_layer] -> sets XRDP_PORT and XRDP_PID
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
  XRDP_PID=$pid
  pids+=("$pid")
  await_port "$XRDP_PORT" "$pid" || { echo "xrdp did not start: $(cat "$dir/xrdp.out")" >&2; exit 1; }
}

# x11_ready DISPLAY_NUMBER: the display answers an X11 connection setup on its socket (Xvfb names
# its display before it is ready to serve it)
x11_ready() {
  python3 - "$1" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(1)
try:
    s.connect("/tmp/.X11-unix/X" + sys.argv[1])
    s.sendall(struct.pack("<cxHHHHxx", b"l", 11, 0, 0, 0))
    sys.exit(0 if s.recv(1) == b"\x01" else 1)
except OSError:
    sys.exit(1)
PY
}

# start_shadow [sec] -> sets SHADOW_PORT and SHADOW_PID; a display that does not come up, or a shadow server that
# cannot open it, is replaced (three tries)
start_shadow() {
  local sec="${1:-tls}" try
  for try in 1 2 3; do
    start_shadow_once "$sec" && return 0
  done
  echo "shadow did not start after three tries" >&2
  exit 1
}

start_shadow_once() {
  local sec="$1" dir="$work/shadow-$RANDOM"
  mkdir -p "$dir/home"
  # a display number with neither a lock file nor a socket (Xvfb's own choice looks at lock files
  # only, and takes a number whose socket another server still holds)
  local number
  while :; do
    number=$((100 + RANDOM % 29900))
    [ ! -e "/tmp/.X$number-lock" ] && [ ! -e "/tmp/.X11-unix/X$number" ] && break
  done
  Xvfb ":$number" -nolisten tcp -screen 0 1024x768x24 >"$dir/xvfb.log" 2>&1 &
  local xvfb=$!
  pids+=("$xvfb")
  local ready=1
  for _ in $(seq 50); do
    kill -0 "$xvfb" 2>/dev/null || break
    x11_ready "$number" && { ready=0; break; }
    sleep 0.1
  done
  if [ "$ready" -ne 0 ]; then
    echo "Xvfb display :$number did not come up: $(tail -3 "$dir/xvfb.log")" >&2
    kill "$xvfb" 2>/dev/null || true
    return 1
  fi
  winpr-hash -u bench -p bench-Pass1 -f sam >"$dir/shadow.sam" 2>/dev/null
  SHADOW_PORT="$(free_port)"
  (cd "$dir" && HOME="$dir/home" DISPLAY=":$number" exec freerdp-shadow-cli \
    /bind-address:127.0.0.1 "/port:$SHADOW_PORT" "/sec:$sec" "/sam-file:$dir/shadow.sam" \
    >"$dir/shadow.log" 2>&1) &
  local pid=$!
  SHADOW_PID=$pid
  pids+=("$pid")
  if ! await_port "$SHADOW_PORT" "$pid"; then
    echo "shadow did not start: $(tail -3 "$dir/shadow.log")" >&2
    kill "$pid" "$xvfb" 2>/dev/null || true
    return 1
  fi
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
