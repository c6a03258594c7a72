#!/usr/bin/env bash
# x224-peers.sh -- regenerate the X.224 connection-initiation test vectors
# (testdata/x224/*.hex) and their packet captures (testdata/captures/*.pcap)
# from real peers talking to each other over loopback:
#
#   client: FreeRDP 2 xfreerdp (under a private Xvfb)
#   server: xrdp 0.9.21 (private xrdp.ini, no xrdp-sesman) and
#           FreeRDP 2 freerdp-shadow-cli (NLA with a private SAM file)
#
# Usage: testdata/capture/x224-peers.sh            (no arguments)
#
# Needs: xrdp, xfreerdp (freerdp2-x11), freerdp-shadow-cli
# (freerdp2-shadow-x11), winpr-hash (winpr-utils), Xvfb, dumpcap + tshark,
# openssl, iproute2 (ip, ss), util-linux (unshare), coreutils (timeout).
#
# Runs as root or as an ordinary user.  The whole run happens in a private
# network namespace (`unshare --net`, plus `--user --map-root-user` when not
# root) so that packet capture needs no privileges and nothing else can use
# the ports; if no namespace can be created and we are root, it falls back to
# the host loopback.  Only 127.0.0.1 and ports in 33000-34000 are used.
# Everything temporary lives in one mktemp directory under /tmp that is
# removed on exit; every process started is stopped by PID on exit.
set -euo pipefail

SCRIPT_PATH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
TESTDATA=$(cd "$(dirname "$SCRIPT_PATH")/.." && pwd)
readonly SCRIPT_PATH TESTDATA
readonly HEX_DIR=$TESTDATA/x224
readonly PCAP_DIR=$TESTDATA/captures
readonly SCRIPT_REL=testdata/capture/$(basename "$SCRIPT_PATH")

readonly CLIENT_TIMEOUT=20   # seconds, hard limit for every client run
readonly START_TIMEOUT=10    # seconds, limit for a server/Xvfb/capture to get ready
readonly PORT_MIN=33000 PORT_MAX=34000
readonly PROBE_USER=rdpprobe            # fixed so that the mstshash cookie is reproducible
readonly PROBE_PASS='rdpprobe-Pass1'    # only used against freerdp-shadow-cli (NLA)

log() { printf '[x224-peers] %s\n' "$*" >&2; }
die() { printf '[x224-peers] ERROR: %s\n' "$*" >&2; exit 1; }

# --------------------------------------------------------------------------
# Private network namespace (re-exec).  X224_PEERS_NETNS=host forces the host
# loopback (root only).
# --------------------------------------------------------------------------
if [[ -z "${X224_PEERS_NETNS:-}" ]]; then
    if [[ $EUID -eq 0 ]]; then ns_args=(--net); else ns_args=(--user --map-root-user --net); fi
    if unshare "${ns_args[@]}" true 2>/dev/null; then
        export X224_PEERS_NETNS=private
        exec unshare "${ns_args[@]}" -- "$BASH" "$SCRIPT_PATH" "$@"
    elif [[ $EUID -eq 0 ]]; then
        export X224_PEERS_NETNS=host
    else
        die "cannot create a user+network namespace (unshare -rn) and not root: packet capture is impossible"
    fi
fi
case "$X224_PEERS_NETNS" in
    private) ip link set lo up ;;
    host) [[ $EUID -eq 0 ]] || die "X224_PEERS_NETNS=host needs root (packet capture)" ;;
    *) die "X224_PEERS_NETNS must be 'private' or 'host'" ;;
esac

# --------------------------------------------------------------------------
# Process and temp-dir bookkeeping
# --------------------------------------------------------------------------
WORK=""
PIDS=()

stop_pid() { # stop_pid PID [SIGNAL] -- TERM (or SIGNAL), then KILL after 5 s
    local pid=$1 sig=${2:-TERM} i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill "-$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

forget_pid() {
    local pid=$1 i
    for i in "${!PIDS[@]}"; do [[ ${PIDS[i]} == "$pid" ]] && unset 'PIDS[i]'; done
    PIDS=("${PIDS[@]}")
}

cleanup() {
    local rc=$? i
    trap - EXIT INT TERM
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_pid "${PIDS[i]}"; done
    [[ -n "$WORK" && -d "$WORK" ]] && rm -rf -- "$WORK"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_until() { # wait_until SECONDS WHAT COMMAND... -- poll every 0.1 s
    local secs=$1 what=$2 i; shift 2
    for ((i = 0; i < secs * 10; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    die "timed out after ${secs}s waiting for $what"
}

# --------------------------------------------------------------------------
# Preflight
# --------------------------------------------------------------------------
for cmd in xrdp xfreerdp freerdp-shadow-cli winpr-hash Xvfb dumpcap tshark openssl ss ip timeout; do
    command -v "$cmd" >/dev/null || die "missing command: $cmd"
done
# xrdp 0.9.21 refuses to start if this compiled-in path is missing (it cannot
# be changed from xrdp.ini); it is only *read* after the Connection Confirm,
# for Standard RDP Security.
[[ -e /etc/xrdp/rsakeys.ini ]] ||
    die "/etc/xrdp/rsakeys.ini is missing; xrdp will not start (as root: xrdp-keygen xrdp auto)"
# xrdp 0.9.21 exits (status 0!) at once if this pid file exists, even with --nodaemon.
[[ ! -e /var/run/xrdp/xrdp.pid ]] ||
    die "/var/run/xrdp/xrdp.pid exists (system xrdp running?); xrdp would refuse to start"

WORK=$(mktemp -d /tmp/x224-peers.XXXXXX)
mkdir -p "$WORK/home/.config" "$HEX_DIR" "$PCAP_DIR"
log "work dir $WORK, network namespace: $X224_PEERS_NETNS"

# --------------------------------------------------------------------------
# Ports
# --------------------------------------------------------------------------
USED_PORTS=" "
PORT=""
pick_port() { # sets PORT to a free TCP port in [PORT_MIN, PORT_MAX]
    local p tries
    for ((tries = 0; tries < 500; tries++)); do
        p=$((PORT_MIN + RANDOM % (PORT_MAX - PORT_MIN + 1)))
        [[ $USED_PORTS == *" $p "* ]] && continue
        if [[ -z "$(ss -Htan "( sport = :$p or dport = :$p )")" ]]; then
            USED_PORTS+="$p "
            PORT=$p
            return 0
        fi
    done
    die "no free port in $PORT_MIN-$PORT_MAX"
}

is_listening() { [[ -n "$(ss -Hltn "sport = :$1")" ]]; }

# --------------------------------------------------------------------------
# Xvfb (xfreerdp and freerdp-shadow-cli need an X display)
# --------------------------------------------------------------------------
XVFB_PID=""
DISPLAY_NUM=""
display_ready() { [[ -s "$WORK/xvfb.display" ]]; }
start_xvfb() {
    # -displayfd makes Xvfb pick a free display number itself (no race).
    Xvfb -displayfd 9 -nolisten tcp -screen 0 1024x768x24 \
        9>"$WORK/xvfb.display" >"$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    PIDS+=("$XVFB_PID")
    wait_until "$START_TIMEOUT" "Xvfb" display_ready
    DISPLAY_NUM=$(tr -dc '0-9' <"$WORK/xvfb.display")
    [[ -n "$DISPLAY_NUM" ]] || die "Xvfb did not report a display number"
    log "Xvfb on :$DISPLAY_NUM (pid $XVFB_PID)"
}

client_env() { # prints nothing; runs "$@" with the private client environment
    env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" DISPLAY=":$DISPLAY_NUM" "$@"
}

# --------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------
SERVER_PID=""
SERVER_DESC=""
SERVER_CMD=""

# start_xrdp NAME SECURITY_LAYER CERTIFICATE [EXTRA_INI_LINE...]
start_xrdp() {
    local name=$1 layer=$2 cert=$3; shift 3
    local ini="$WORK/xrdp-$name.ini" line
    pick_port
    {
        printf '%s\n' '[Globals]' 'ini_version=1' 'fork=false' \
            "port=tcp://127.0.0.1:$PORT" 'use_vsock=false' 'tcp_nodelay=true' \
            'tcp_keepalive=true' "security_layer=$layer" 'crypt_level=high' \
            "certificate=$cert" "key_file=$WORK/key.pem" \
            'ssl_protocols=TLSv1.2, TLSv1.3' 'allow_channels=false' 'max_bpp=32'
        for line in "$@"; do printf '%s\n' "$line"; done
        printf '%s\n' '[Logging]' "LogFile=$WORK/xrdp-$name.log" 'LogLevel=INFO' \
            'EnableSyslog=false' 'EnableConsole=false' '[Channels]'
    } >"$ini"
    xrdp --nodaemon -c "$ini" >"$WORK/xrdp-$name.out" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    local i
    for ((i = 0; i < START_TIMEOUT * 10; i++)); do
        is_listening "$PORT" && break
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            cat "$WORK/xrdp-$name.out" "$WORK/xrdp-$name.log" >&2 2>/dev/null || true
            die "xrdp ($name) exited before listening"
        fi
        sleep 0.1
    done
    is_listening "$PORT" || die "xrdp ($name) not listening on $PORT after ${START_TIMEOUT}s"
    local certnote="self-signed RSA-2048 certificate"
    [[ -r $cert ]] || certnote="certificate= points to a missing file"
    SERVER_DESC="xrdp $XRDP_VERSION (Debian xrdp $(pkgver xrdp)); xrdp.ini: security_layer=$layer, crypt_level=high, ssl_protocols=TLSv1.2, TLSv1.3, $certnote"
    SERVER_CMD="xrdp --nodaemon -c <tmp>/xrdp-$name.ini (port=tcp://127.0.0.1:$PORT)"
    log "xrdp $name: security_layer=$layer on 127.0.0.1:$PORT (pid $SERVER_PID)"
}

start_shadow() {
    pick_port
    winpr-hash -u "$PROBE_USER" -p "$PROBE_PASS" -f sam >"$WORK/shadow.sam"
    mkdir -p "$WORK/shadow-home/.config"
    (cd "$WORK" && exec env HOME="$WORK/shadow-home" XDG_CONFIG_HOME="$WORK/shadow-home/.config" \
        DISPLAY=":$DISPLAY_NUM" freerdp-shadow-cli /bind-address:127.0.0.1 "/port:$PORT" \
        /sec:nla "/sam-file:$WORK/shadow.sam") >"$WORK/shadow.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    local i
    for ((i = 0; i < START_TIMEOUT * 10; i++)); do
        is_listening "$PORT" && break
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/shadow.log" >&2; die "freerdp-shadow-cli exited"; }
        sleep 0.1
    done
    is_listening "$PORT" || die "freerdp-shadow-cli not listening on $PORT after ${START_TIMEOUT}s"
    SERVER_DESC="freerdp-shadow-cli $FREERDP_VERSION (Debian freerdp2-shadow-x11 $(pkgver freerdp2-shadow-x11)) on Xvfb, /sec:nla, SAM file for user $PROBE_USER (winpr-hash -f sam)"
    SERVER_CMD="freerdp-shadow-cli /bind-address:127.0.0.1 /port:$PORT /sec:nla /sam-file:<tmp>/shadow.sam"
    log "freerdp-shadow-cli on 127.0.0.1:$PORT (pid $SERVER_PID)"
}

stop_server() {
    stop_pid "$SERVER_PID"
    forget_pid "$SERVER_PID"
    SERVER_PID=""
}

# --------------------------------------------------------------------------
# Capture + client runs
# --------------------------------------------------------------------------
CAP_PID=""
capture_ready() {
    kill -0 "$CAP_PID" 2>/dev/null || { cat "$WORK/dumpcap.log" >&2; die "dumpcap exited"; }
    grep -q "Capturing on" "$WORK/dumpcap.log" 2>/dev/null
}

# run_scenario SCENARIO PORT COMMAND... : capture 'tcp port PORT' on lo while
# COMMAND runs (stdin </dev/null), keep the pcap, set CLIENT_RC.
CLIENT_RC=0
SUMMARY=()
run_scenario() {
    local scenario=$1 port=$2; shift 2
    local pcap="$WORK/$scenario.pcap"
    : >"$WORK/dumpcap.log"
    dumpcap -q -P -i lo -f "tcp port $port" -w "$pcap" 2>"$WORK/dumpcap.log" &
    CAP_PID=$!
    PIDS+=("$CAP_PID")
    wait_until "$START_TIMEOUT" "dumpcap" capture_ready
    sleep 0.3
    CLIENT_RC=0
    "$@" </dev/null >"$WORK/$scenario.client.log" 2>&1 || CLIENT_RC=$?
    sleep 1 # let the last segments (server close, RST) reach dumpcap
    stop_pid "$CAP_PID" INT
    forget_pid "$CAP_PID"
    [[ -s $pcap ]] || die "$scenario: empty capture"
    install -m 0644 "$pcap" "$PCAP_DIR/$scenario.pcap"
    local conns
    conns=$(tshark -r "$pcap" -Y "tcp.flags.syn==1 && tcp.flags.ack==0" -T fields -e tcp.stream 2>/dev/null | wc -l)
    SUMMARY+=("$(printf '%-46s exit=%-4s tcp-connections=%s' "$scenario" "$CLIENT_RC" "$conns")")
    log "$scenario: client exit $CLIENT_RC, $conns TCP connection(s)"
}

# xf PORT ARGS... : xfreerdp against 127.0.0.1:PORT, bounded by timeout.
CLIENT_CMD=""
xf() {
    local port=$1; shift
    CLIENT_DESC=$XFREERDP_DESC
    CLIENT_CMD="xfreerdp /v:127.0.0.1:$port /cert:ignore $*"
    client_env timeout -k 5 "$CLIENT_TIMEOUT" xfreerdp "/v:127.0.0.1:$port" /cert:ignore "$@"
}

# replay PORT HEX : send HEX as the first client bytes over a plain TCP
# connection (bash /dev/tcp) and read until the server closes.
replay() {
    local port=$1 hex=$2 req="$WORK/replay.request"
    printf '%b' "$(sed 's/../\\x&/g' <<<"$hex")" >"$req"
    [[ $(stat -c %s "$req") -eq $((${#hex} / 2)) ]] || die "replay: could not build the request bytes"
    CLIENT_DESC="bash $BASH_VERSION /dev/tcp, replaying bytes captured from $XFREERDP_DESC"
    CLIENT_CMD="bash /dev/tcp client: connect 127.0.0.1:$port, send the bytes of x224/xfreerdp-connection-request-rdp-fallback.hex in one write, read until the server closes"
    # cat writes the file with a single write(2), so the request is one TCP segment.
    timeout -k 5 "$CLIENT_TIMEOUT" bash -c \
        'exec 3<>"/dev/tcp/127.0.0.1/$1" && cat "$2" >&3 && cat <&3 >"$3"' \
        replay "$port" "$req" "$WORK/replay.response"
}

# --------------------------------------------------------------------------
# Payload extraction, decoding, checking, writing
# --------------------------------------------------------------------------
PAYLOAD=""
PAYLOAD_NOTE=""
# payload PCAP STREAM c2s|s2c SERVER_PORT : PAYLOAD = first TCP payload
# (hex) in that direction of that tcp.stream, cut to one TPKT.
payload() {
    local pcap=$1 stream=$2 dir=$3 port=$4 filter
    if [[ $dir == c2s ]]; then filter="tcp.dstport==$port"; else filter="tcp.srcport==$port"; fi
    local segs=() seg tlen n used=0
    mapfile -t segs < <(tshark -r "$pcap" -Y "tcp.stream==$stream && tcp.len>0 && $filter" \
        -T fields -e tcp.payload 2>/dev/null | tr -d ':' | tr 'A-F' 'a-f')
    PAYLOAD=""
    PAYLOAD_NOTE=""
    ((${#segs[@]} > 0)) || die "no $dir payload in tcp.stream $stream of $pcap"
    [[ ${segs[0]:0:4} == 0300 ]] || die "$pcap stream $stream $dir: not a TPKT: ${segs[0]:0:16}"
    tlen=$((16#${segs[0]:4:4}))
    # normally one segment; join following segments only if the TPKT is split
    for seg in "${segs[@]}"; do
        PAYLOAD+=$seg
        used=$((used + 1))
        ((${#PAYLOAD} / 2 >= tlen)) && break
    done
    n=$((${#PAYLOAD} / 2))
    ((n >= tlen)) || die "$pcap stream $stream $dir: TPKT length $tlen but only $n bytes"
    ((used > 1)) && PAYLOAD_NOTE="this TPKT was split over $used TCP segments"
    if ((n > tlen)); then
        PAYLOAD_NOTE="${PAYLOAD_NOTE:+$PAYLOAD_NOTE; }$((n - tlen)) byte(s) after this TPKT in the same segment omitted"
        PAYLOAD=${PAYLOAD:0:$((tlen * 2))}
    fi
}

hex_to_text() { # printable rendering of hex bytes, CR/LF shown as \r \n
    local out="" i b
    for ((i = 0; i < ${#1}; i += 2)); do
        b=${1:i:2}
        case $b in
            0d) out+='\r' ;;
            0a) out+='\n' ;;
            *) if ((16#$b >= 0x20 && 16#$b < 0x7f)); then out+=$(printf '%b' "\\x$b"); else out+="\\x$b"; fi ;;
        esac
    done
    printf '%s' "$out"
}

# decode HEX : sets D_CODE (e0/d0...), D_NEGTYPE (01/02/03 or ""), D_FLAGS,
# D_VALUE (0xXXXXXXXX), D_TEXT (one-line description)
decode() {
    local h=$1 li code var tail negname valname
    li=$((16#${h:8:2}))
    code=${h:10:2}
    D_CODE=$code D_NEGTYPE="" D_FLAGS="" D_VALUE=""
    # TPDU = bytes 4 .. 4+li; fixed part LI,code,dst(2),src(2),class = 7 bytes
    var=${h:22:$(((li - 6) * 2))}
    D_TEXT="TPKT version=3 length=$((16#${h:4:4})); X.224 LI=$li code=0x$code"
    case $code in
        e0) D_TEXT+=" (CR Connection Request)" ;;
        d0) D_TEXT+=" (CC Connection Confirm)" ;;
    esac
    D_TEXT+=" dst-ref=0x${h:12:4} src-ref=0x${h:16:4} class=0x${h:20:2}"
    if ((${#var} >= 16)); then
        tail=${var: -16}
        if [[ ${tail:0:2} =~ ^0[123]$ && ${tail:4:4} == 0800 ]]; then
            D_NEGTYPE=${tail:0:2}
            D_FLAGS=${tail:2:2}
            D_VALUE="0x${tail:14:2}${tail:12:2}${tail:10:2}${tail:8:2}"
            var=${var:0:$((${#var} - 16))}
        fi
    fi
    [[ -n $var ]] && D_TEXT+="; cookie/token \"$(hex_to_text "$var")\""
    case $D_NEGTYPE in
        01) negname=RDP_NEG_REQ valname=requestedProtocols ;;
        02) negname=RDP_NEG_RSP valname=selectedProtocol ;;
        03) negname=RDP_NEG_FAILURE valname=failureCode ;;
        *) negname="" ;;
    esac
    if [[ -n $negname ]]; then
        D_TEXT+="; $negname type=0x$D_NEGTYPE flags=0x$D_FLAGS length=8 $valname=$D_VALUE"
    else
        D_TEXT+="; no RDP negotiation data"
    fi
}

# expect HEX CODE NEGTYPE VALUE : CODE e0|d0, NEGTYPE 01|02|03|none, VALUE 0x...|any
expect() {
    local h=$1 code=$2 neg=$3 val=$4
    decode "$h"
    [[ $D_CODE == "$code" ]] || die "expected X.224 code 0x$code, got: $D_TEXT"
    if [[ $neg == none ]]; then
        [[ -z $D_NEGTYPE ]] || die "expected no negotiation data, got: $D_TEXT"
    else
        [[ $D_NEGTYPE == "$neg" ]] || die "expected negotiation type 0x$neg, got: $D_TEXT"
        [[ $val == any || $D_VALUE == "$val" ]] || die "expected value $val, got: $D_TEXT"
    fi
}

bytes_of() { grep -v '^#' "$1" 2>/dev/null | tr -d ' \n' || true; }

WRITTEN=()
# write_hex FILE DESCRIPTION SCENARIO STREAM : writes PAYLOAD with the current
# SERVER_DESC / SERVER_CMD / CLIENT_DESC / CLIENT_CMD as header.
write_hex() {
    local file=$1 desc=$2 scenario=$3 stream=$4 port=$5
    local out="$HEX_DIR/$file" tmp="$WORK/$file" old status
    decode "$PAYLOAD"
    {
        printf '# %s\n' "$desc"
        printf '# server: %s\n' "$SERVER_DESC"
        printf '# server command: %s\n' "$SERVER_CMD"
        printf '# client: %s\n' "$CLIENT_DESC"
        printf '# client command: %s\n' "$CLIENT_CMD"
        printf '# capture: testdata/captures/%s.pcap, tcp.stream %s, server port %s\n' "$scenario" "$stream" "$port"
        printf '# date: %s, written by %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$SCRIPT_REL"
        printf '# decoded: %s\n' "$D_TEXT"
        [[ -n $PAYLOAD_NOTE ]] && printf '# note: %s\n' "$PAYLOAD_NOTE"
        printf '# %d bytes:\n' $((${#PAYLOAD} / 2))
        fold -w 32 <<<"$PAYLOAD" | sed 's/../& /g; s/ $//'
    } >"$tmp"
    old=$(bytes_of "$out")
    if [[ -z $old ]]; then status=new; elif [[ $old == "$PAYLOAD" ]]; then status=unchanged; else status=CHANGED; fi
    install -m 0644 "$tmp" "$out"
    WRITTEN+=("$(printf '%-58s %-9s %s' "x224/$file" "$status" "$D_TEXT")")
    log "wrote x224/$file ($status)"
}

CLIENT_DESC=""
XFREERDP_DESC=""
pkgver() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo unknown; }

# --------------------------------------------------------------------------
# Run
# --------------------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=rdp-probe-test \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >"$WORK/openssl.log" 2>&1 ||
    { cat "$WORK/openssl.log" >&2; die "openssl req failed"; }
start_xvfb

XRDP_VERSION=$(xrdp --version 2>&1 | awk '$1 == "xrdp" && !v { v = $2 } END { print v }')
# xfreerdp refuses even /version without a usable DISPLAY, hence after Xvfb.
FREERDP_VERSION=$(client_env timeout 10 xfreerdp /version 2>&1 | awk '/FreeRDP version/ && !v { v = $5 } END { print v }')
XFREERDP_DESC="FreeRDP xfreerdp $FREERDP_VERSION (Debian freerdp2-x11 $(pkgver freerdp2-x11)) on Xvfb"
log "xrdp $XRDP_VERSION, FreeRDP $FREERDP_VERSION"

# ---- xrdp security_layer=negotiate --------------------------------------
start_xrdp negotiate negotiate "$WORK/cert.pem"
P=$PORT

S=xrdp-negotiate_xfreerdp-default
run_scenario "$S" "$P" xf "$P" "/u:$PROBE_USER"
payload "$WORK/$S.pcap" 0 c2s "$P"
expect "$PAYLOAD" e0 01 any
CR_DEFAULT=$PAYLOAD
write_hex xfreerdp-connection-request.hex \
    "X.224 Connection Request (client -> server): first client payload, xfreerdp default security (no /sec option)" "$S" 0 "$P"

S=xrdp-negotiate_xfreerdp-sec-tls
run_scenario "$S" "$P" xf "$P" "/u:$PROBE_USER" /sec:tls
payload "$WORK/$S.pcap" 0 c2s "$P"
expect "$PAYLOAD" e0 01 0x00000001
if [[ $PAYLOAD != "$CR_DEFAULT" ]]; then
    write_hex xfreerdp-connection-request-tls.hex \
        "X.224 Connection Request (client -> server): first client payload, xfreerdp /sec:tls" "$S" 0 "$P"
else
    rm -f "$HEX_DIR/xfreerdp-connection-request-tls.hex"
    log "xfreerdp /sec:tls request identical to the default one; no separate file"
fi
payload "$WORK/$S.pcap" 0 s2c "$P"
expect "$PAYLOAD" d0 02 0x00000001
write_hex xrdp-connection-confirm-ssl.hex \
    "X.224 Connection Confirm (server -> client): first server payload, xrdp security_layer=negotiate answering a request for SSL only (xfreerdp /sec:tls)" "$S" 0 "$P"

S=xrdp-negotiate_xfreerdp-sec-nla
run_scenario "$S" "$P" xf "$P" "/u:$PROBE_USER" /sec:nla
payload "$WORK/$S.pcap" 0 c2s "$P"
expect "$PAYLOAD" e0 01 any
if [[ $PAYLOAD != "$CR_DEFAULT" ]]; then
    write_hex xfreerdp-connection-request-nla.hex \
        "X.224 Connection Request (client -> server): first client payload, xfreerdp /sec:nla" "$S" 0 "$P"
else
    rm -f "$HEX_DIR/xfreerdp-connection-request-nla.hex"
    log "xfreerdp /sec:nla request identical to the default one; no separate file"
fi
stop_server

# ---- xrdp security_layer=rdp ---------------------------------------------
start_xrdp rdp rdp "$WORK/cert.pem"
P=$PORT

S=xrdp-rdp_xfreerdp-sec-rdp
run_scenario "$S" "$P" xf "$P" "/u:$PROBE_USER" /sec:rdp
payload "$WORK/$S.pcap" 0 c2s "$P"
expect "$PAYLOAD" e0 none -
if [[ $PAYLOAD != "$CR_DEFAULT" ]]; then
    write_hex xfreerdp-connection-request-rdp.hex \
        "X.224 Connection Request (client -> server): first client payload, xfreerdp /sec:rdp (FreeRDP sends no RDP_NEG_REQ when only Standard RDP Security is enabled)" "$S" 0 "$P"
else
    rm -f "$HEX_DIR/xfreerdp-connection-request-rdp.hex"
fi
payload "$WORK/$S.pcap" 0 s2c "$P"
expect "$PAYLOAD" d0 none -
CC_BARE=$PAYLOAD
write_hex xrdp-connection-confirm-rdp.hex \
    "X.224 Connection Confirm (server -> client): first server payload, xrdp security_layer=rdp answering a request without RDP_NEG_REQ (xfreerdp /sec:rdp), i.e. legacy Standard RDP Security" "$S" 0 "$P"

S=xrdp-rdp_xfreerdp-default
run_scenario "$S" "$P" xf "$P" "/u:$PROBE_USER"
payload "$WORK/$S.pcap" 0 s2c "$P"
expect "$PAYLOAD" d0 02 0x00000000
write_hex xrdp-connection-confirm-rdp-selected.hex \
    "X.224 Connection Confirm (server -> client): first server payload, xrdp security_layer=rdp answering xfreerdp's default request (SSL|HYBRID): RDP_NEG_RSP selecting PROTOCOL_RDP" "$S" 0 "$P"
stop_server

# ---- xrdp security_layer=tls, certificate missing --------------------------
# xfreerdp walks down NLA -> TLS -> RDP on SSL_CERT_NOT_ON_SERVER; its last
# attempt is the only way FreeRDP 2 sends an RDP_NEG_REQ with
# requestedProtocols=PROTOCOL_RDP (nego->sendNegoData is set by that failure).
start_xrdp tls-nocert tls "$WORK/absent-cert.pem"
P=$PORT

S=xrdp-tls-nocert_xfreerdp-default
run_scenario "$S" "$P" xf "$P" "/u:$PROBE_USER"
payload "$WORK/$S.pcap" 0 s2c "$P"
expect "$PAYLOAD" d0 03 0x00000003
write_hex xrdp-negotiation-failure-ssl-cert-not-on-server.hex \
    "X.224 Connection Confirm (server -> client): first server payload, xrdp security_layer=tls with an unreadable certificate answering xfreerdp's default request (SSL|HYBRID)" "$S" 0 "$P"
payload "$WORK/$S.pcap" 2 c2s "$P"
expect "$PAYLOAD" e0 01 0x00000000
CR_RDP_FALLBACK=$PAYLOAD
write_hex xfreerdp-connection-request-rdp-fallback.hex \
    "X.224 Connection Request (client -> server): first client payload of xfreerdp's third connection, its Standard RDP Security fallback after two SSL_CERT_NOT_ON_SERVER failures" "$S" 2 "$P"
stop_server

# ---- xrdp security_layer=tls -----------------------------------------------
start_xrdp tls tls "$WORK/cert.pem"
P=$PORT

S=xrdp-tls_xfreerdp-sec-rdp
run_scenario "$S" "$P" xf "$P" "/u:$PROBE_USER" /sec:rdp
payload "$WORK/$S.pcap" 0 s2c "$P"
expect "$PAYLOAD" d0 none -
# xrdp can only send RDP_NEG_FAILURE if the request carried RDP_NEG_REQ; to a
# legacy request it sends the bare confirm (then closes).  Same bytes as
# xrdp-connection-confirm-rdp.hex; kept as pcap only.
[[ $PAYLOAD == "$CC_BARE" ]] || die "$S: expected the same bare Connection Confirm as xrdp security_layer=rdp"

S=xrdp-tls_replay-rdp-neg-req
run_scenario "$S" "$P" replay "$P" "$CR_RDP_FALLBACK"
payload "$WORK/$S.pcap" 0 c2s "$P"
[[ $PAYLOAD == "$CR_RDP_FALLBACK" ]] || die "$S: replayed request differs on the wire"
payload "$WORK/$S.pcap" 0 s2c "$P"
expect "$PAYLOAD" d0 03 0x00000001
write_hex xrdp-negotiation-failure-ssl-required.hex \
    "X.224 Connection Confirm (server -> client): first server payload, xrdp security_layer=tls answering a request that offers only Standard RDP Security (RDP_NEG_REQ requestedProtocols=0, the bytes of xfreerdp-connection-request-rdp-fallback.hex replayed)" "$S" 0 "$P"
stop_server

# ---- freerdp-shadow-cli /sec:nla --------------------------------------------
start_shadow
P=$PORT

S=freerdp-shadow-nla_xfreerdp-auth-only
run_scenario "$S" "$P" xf "$P" +auth-only "/u:$PROBE_USER" "/p:$PROBE_PASS"
payload "$WORK/$S.pcap" 0 s2c "$P"
expect "$PAYLOAD" d0 02 0x00000002
write_hex freerdp-shadow-connection-confirm-hybrid.hex \
    "X.224 Connection Confirm (server -> client): first server payload, freerdp-shadow-cli /sec:nla answering xfreerdp's default request (SSL|HYBRID)" "$S" 0 "$P"

S=freerdp-shadow-nla_xfreerdp-sec-tls
run_scenario "$S" "$P" xf "$P" "/u:$PROBE_USER" "/p:$PROBE_PASS" /sec:tls
payload "$WORK/$S.pcap" 0 s2c "$P"
expect "$PAYLOAD" d0 03 0x00000005
write_hex freerdp-shadow-negotiation-failure-hybrid-required.hex \
    "X.224 Connection Confirm (server -> client): first server payload, freerdp-shadow-cli /sec:nla answering a request for SSL only (xfreerdp /sec:tls)" "$S" 0 "$P"

S=freerdp-shadow-nla_xfreerdp-auth-only-wrong-password
run_scenario "$S" "$P" xf "$P" +auth-only "/u:$PROBE_USER" /p:wrong-password
stop_server

# --------------------------------------------------------------------------
printf '\nClient runs (xfreerdp exit codes, see XF_EXIT_* in FreeRDP client/X11/xfreerdp.h):\n'
printf '  %s\n' "${SUMMARY[@]}"
printf '\nVectors:\n'
printf '  %s\n' "${WRITTEN[@]}"
printf '\nCaptures in %s\n' "$PCAP_DIR"
