#!/usr/bin/env bash
# mcs-peers.sh -- regenerate the MCS / GCC / Client Info test vectors
# (testdata/mcs/*.hex) and their packet captures (testdata/captures/mcs_*.pcap)
# from real peers talking Standard RDP Security over loopback, where the Basic
# Settings Exchange and the Channel Connection travel in the clear:
#
#   client: FreeRDP 2 xfreerdp /sec:rdp (under a private Xvfb)
#   server: xrdp 0.9.21 security_layer=rdp, crypt_level=high (RC4 after the
#           channel joins) and crypt_level=none (everything in the clear,
#           the Client Info PDU included), and FreeRDP 2 freerdp-shadow-cli
#           /sec:rdp -auth (it answers with encryption level NONE)
#
# Usage: testdata/capture/mcs-peers.sh            (no arguments)
#
# Needs what x224-peers.sh needs (xrdp, xfreerdp, freerdp-shadow-cli, Xvfb,
# dumpcap + tshark, openssl, iproute2, util-linux, coreutils).  Runs as root
# or as an ordinary user, in a private network namespace (`unshare --net`,
# plus `--user --map-root-user` when not root); MCS_PEERS_NETNS=host uses the
# host loopback instead (root only).  Only 127.0.0.1 and ports in 34000-35000
# are used.  Everything temporary lives in one mktemp directory that is
# removed on exit; every process started is stopped by PID on exit.
#
# Each vector file holds one TPKT; its header gives the peers, the commands,
# the capture, and tshark's dissection of the frame that carried it (tshark
# shows user and channel ids as sent, i.e. less 1001 for initiators).
set -euo pipefail

SCRIPT_PATH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
TESTDATA=$(cd "$(dirname "$SCRIPT_PATH")/.." && pwd)
readonly SCRIPT_PATH TESTDATA
readonly HEX_DIR=$TESTDATA/mcs
readonly PCAP_DIR=$TESTDATA/captures
readonly SCRIPT_REL=testdata/capture/$(basename "$SCRIPT_PATH")

readonly CLIENT_TIMEOUT=20   # seconds, hard limit for every client run
readonly START_TIMEOUT=10    # seconds, limit for a server/Xvfb/capture to get ready
readonly PORT_MIN=34000 PORT_MAX=35000
readonly PROBE_USER=rdpprobe          # fixed: the cookie and the Client Info user name
readonly CLIENT_HOST=rdpprobe         # fixed: CS_CORE clientName (else the host name)

log() { printf '[mcs-peers] %s\n' "$*" >&2; }
die() { printf '[mcs-peers] ERROR: %s\n' "$*" >&2; exit 1; }

# --------------------------------------------------------------------------
# Private network namespace (re-exec)
# --------------------------------------------------------------------------
if [[ -z "${MCS_PEERS_NETNS:-}" ]]; then
    if [[ $EUID -eq 0 ]]; then ns_args=(--net); else ns_args=(--user --map-root-user --net); fi
    if unshare "${ns_args[@]}" true 2>/dev/null; then
        export MCS_PEERS_NETNS=private
        exec unshare "${ns_args[@]}" -- "$BASH" "$SCRIPT_PATH" "$@"
    elif [[ $EUID -eq 0 ]]; then
        export MCS_PEERS_NETNS=host
    else
        die "cannot create a user+network namespace (unshare -rn) and not root: packet capture is impossible"
    fi
fi
case "$MCS_PEERS_NETNS" in
    private) ip link set lo up ;;
    host) [[ $EUID -eq 0 ]] || die "MCS_PEERS_NETNS=host needs root (packet capture)" ;;
    *) die "MCS_PEERS_NETNS must be 'private' or 'host'" ;;
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
for cmd in xrdp xfreerdp freerdp-shadow-cli Xvfb dumpcap tshark openssl ss ip timeout; do
    command -v "$cmd" >/dev/null || die "missing command: $cmd"
done
[[ -e /etc/xrdp/rsakeys.ini ]] ||
    die "/etc/xrdp/rsakeys.ini is missing; xrdp will not start (as root: xrdp-keygen xrdp auto)"
[[ ! -e /var/run/xrdp/xrdp.pid ]] ||
    die "/var/run/xrdp/xrdp.pid exists (system xrdp running?); xrdp would refuse to start"

WORK=$(mktemp -d /tmp/mcs-peers.XXXXXX)
mkdir -p "$WORK/home/.config" "$HEX_DIR" "$PCAP_DIR"
log "work dir $WORK, network namespace: $MCS_PEERS_NETNS"

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
# Xvfb
# --------------------------------------------------------------------------
DISPLAY_NUM=""
display_ready() { [[ -s "$WORK/xvfb.display" ]]; }
start_xvfb() {
    Xvfb -displayfd 9 -nolisten tcp -screen 0 1024x768x24 \
        9>"$WORK/xvfb.display" >"$WORK/xvfb.log" 2>&1 &
    PIDS+=("$!")
    wait_until "$START_TIMEOUT" "Xvfb" display_ready
    DISPLAY_NUM=$(tr -dc '0-9' <"$WORK/xvfb.display")
    [[ -n "$DISPLAY_NUM" ]] || die "Xvfb did not report a display number"
    log "Xvfb on :$DISPLAY_NUM"
}

# TZ=UTC: the Client Info time zone is the client's
client_env() {
    env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" DISPLAY=":$DISPLAY_NUM" TZ=UTC "$@"
}

pkgver() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo unknown; }

# --------------------------------------------------------------------------
# Servers
# --------------------------------------------------------------------------
SERVER_PID=""
SERVER_DESC=""
SERVER_CMD=""

# start_xrdp NAME CRYPT_LEVEL ALLOW_CHANNELS [CHANNEL_LINE...]
start_xrdp() {
    local name=$1 crypt=$2 channels=$3; shift 3
    local ini="$WORK/xrdp-$name.ini" line i
    pick_port
    {
        printf '%s\n' '[Globals]' 'ini_version=1' 'fork=false' \
            "port=tcp://127.0.0.1:$PORT" 'use_vsock=false' 'tcp_nodelay=true' \
            'tcp_keepalive=true' 'security_layer=rdp' "crypt_level=$crypt" \
            "certificate=$WORK/cert.pem" "key_file=$WORK/key.pem" \
            'ssl_protocols=TLSv1.2, TLSv1.3' "allow_channels=$channels" 'max_bpp=32'
        printf '%s\n' '[Logging]' "LogFile=$WORK/xrdp-$name.log" 'LogLevel=INFO' \
            'EnableSyslog=false' 'EnableConsole=false' '[Channels]'
        for line in "$@"; do printf '%s\n' "$line"; done
    } >"$ini"
    xrdp --nodaemon -c "$ini" >"$WORK/xrdp-$name.out" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    for ((i = 0; i < START_TIMEOUT * 10; i++)); do
        is_listening "$PORT" && break
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            cat "$WORK/xrdp-$name.out" "$WORK/xrdp-$name.log" >&2 2>/dev/null || true
            die "xrdp ($name) exited before listening"
        fi
        sleep 0.1
    done
    is_listening "$PORT" || die "xrdp ($name) not listening on $PORT after ${START_TIMEOUT}s"
    local chan="allow_channels=$channels"
    (($# > 0)) && chan+=" ([Channels] $*)"
    SERVER_DESC="xrdp $XRDP_VERSION (Debian xrdp $(pkgver xrdp)); xrdp.ini: security_layer=rdp, crypt_level=$crypt, $chan"
    SERVER_CMD="xrdp --nodaemon -c <tmp>/xrdp-$name.ini (port=tcp://127.0.0.1:$PORT)"
    log "xrdp $name: crypt_level=$crypt on 127.0.0.1:$PORT (pid $SERVER_PID)"
}

start_shadow() {
    pick_port
    mkdir -p "$WORK/shadow-home/.config"
    (cd "$WORK" && exec env HOME="$WORK/shadow-home" XDG_CONFIG_HOME="$WORK/shadow-home/.config" \
        DISPLAY=":$DISPLAY_NUM" freerdp-shadow-cli /bind-address:127.0.0.1 "/port:$PORT" \
        /sec:rdp -auth) >"$WORK/shadow.log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    local i
    for ((i = 0; i < START_TIMEOUT * 10; i++)); do
        is_listening "$PORT" && break
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/shadow.log" >&2; die "freerdp-shadow-cli exited"; }
        sleep 0.1
    done
    is_listening "$PORT" || die "freerdp-shadow-cli not listening on $PORT after ${START_TIMEOUT}s"
    SERVER_DESC="freerdp-shadow-cli $FREERDP_VERSION (Debian freerdp2-shadow-x11 $(pkgver freerdp2-shadow-x11)) on Xvfb, /sec:rdp -auth"
    SERVER_CMD="freerdp-shadow-cli /bind-address:127.0.0.1 /port:$PORT /sec:rdp -auth"
    log "freerdp-shadow-cli on 127.0.0.1:$PORT (pid $SERVER_PID)"
}

stop_server() {
    stop_pid "$SERVER_PID"
    forget_pid "$SERVER_PID"
    SERVER_PID=""
}

# --------------------------------------------------------------------------
# Capture and client runs
# --------------------------------------------------------------------------
CAP_PID=""
capture_ready() {
    kill -0 "$CAP_PID" 2>/dev/null || { cat "$WORK/dumpcap.log" >&2; die "dumpcap exited"; }
    grep -q "Capturing on" "$WORK/dumpcap.log" 2>/dev/null
}

CLIENT_DESC=""
CLIENT_CMD=""
SUMMARY=()
# run_scenario SCENARIO PORT XFREERDP_ARGS... : capture 'tcp port PORT' on lo
# while xfreerdp runs; the pcap goes to captures/mcs_SCENARIO.pcap
run_scenario() {
    local scenario=$1 port=$2; shift 2
    local pcap="$WORK/$scenario.pcap" rc=0 conns
    : >"$WORK/dumpcap.log"
    dumpcap -q -P -i lo -f "tcp port $port" -w "$pcap" 2>"$WORK/dumpcap.log" &
    CAP_PID=$!
    PIDS+=("$CAP_PID")
    wait_until "$START_TIMEOUT" "dumpcap" capture_ready
    sleep 0.3
    CLIENT_DESC="FreeRDP xfreerdp $FREERDP_VERSION (Debian freerdp2-x11 $(pkgver freerdp2-x11)) on Xvfb, TZ=UTC"
    CLIENT_CMD="xfreerdp /v:127.0.0.1:$port /cert:ignore $*"
    client_env timeout -k 5 "$CLIENT_TIMEOUT" xfreerdp "/v:127.0.0.1:$port" /cert:ignore "$@" \
        </dev/null >"$WORK/$scenario.client.log" 2>&1 || rc=$?
    sleep 1 # let the last segments reach dumpcap
    stop_pid "$CAP_PID" INT
    forget_pid "$CAP_PID"
    [[ -s $pcap ]] || die "$scenario: empty capture"
    install -m 0644 "$pcap" "$PCAP_DIR/mcs_$scenario.pcap"
    conns=$(tshark -r "$pcap" -Y "tcp.flags.syn==1 && tcp.flags.ack==0" -T fields -e tcp.stream 2>/dev/null | wc -l)
    SUMMARY+=("$(printf '%-34s exit=%-4s tcp-connections=%s' "$scenario" "$rc" "$conns")")
    log "$scenario: client exit $rc, $conns TCP connection(s)"
}

# --------------------------------------------------------------------------
# Cutting TPKTs out of a direction of a stream
# --------------------------------------------------------------------------
TPKTS=()       # hex of each TPKT, in order
TPKT_FRAMES=() # frame number of the segment each TPKT starts in
# cut_tpkts PCAP PORT c2s|s2c : fills TPKTS and TPKT_FRAMES with the TPKTs of
# tcp.stream 0 in that direction, up to the first bytes that are not TPKT
# (fast-path output) or the end
cut_tpkts() {
    local pcap=$1 port=$2 dir=$3 filter line frame hex all="" off=0 len
    local -a seg_frames=() seg_starts=()
    if [[ $dir == c2s ]]; then filter="tcp.dstport==$port"; else filter="tcp.srcport==$port"; fi
    while read -r frame hex; do
        seg_frames+=("$frame")
        seg_starts+=($((${#all} / 2)))
        all+=$(tr -d ':' <<<"$hex" | tr 'A-F' 'a-f')
    done < <(tshark -r "$pcap" -Y "tcp.stream==0 && tcp.len>0 && $filter && !tcp.analysis.retransmission" \
        -T fields -e frame.number -e tcp.payload 2>/dev/null)
    TPKTS=()
    TPKT_FRAMES=()
    while ((2 * off + 8 <= ${#all})) && [[ ${all:2*off:4} == 0300 ]]; do
        len=$((16#${all:2*off+4:4}))
        ((len >= 4 && 2 * (off + len) <= ${#all})) || break
        TPKTS+=("${all:2*off:2*len}")
        local i f=""
        for ((i = 0; i < ${#seg_starts[@]}; i++)); do
            ((seg_starts[i] <= off)) && f=${seg_frames[i]}
        done
        TPKT_FRAMES+=("$f")
        off=$((off + len))
    done
    ((${#TPKTS[@]} > 0)) || die "$pcap: no TPKT $dir"
}

# find_tpkt REGEX : sets IDX to the first TPKT whose MCS bytes (hex, after
# TPKT and DT) match the extended REGEX, else dies
IDX=-1
find_tpkt() {
    local re=$1 i
    for ((i = 0; i < ${#TPKTS[@]}; i++)); do
        if [[ ${TPKTS[i]:8:6} == 02f080 && ${TPKTS[i]:14} =~ $re ]]; then
            IDX=$i
            return 0
        fi
    done
    die "no TPKT whose MCS bytes match $re"
}

# find_last_tpkt REGEX : like find_tpkt, the last match
find_last_tpkt() {
    local re=$1 i
    for ((i = ${#TPKTS[@]} - 1; i >= 0; i--)); do
        if [[ ${TPKTS[i]:8:6} == 02f080 && ${TPKTS[i]:14} =~ $re ]]; then
            IDX=$i
            return 0
        fi
    done
    die "no TPKT whose MCS bytes match $re"
}

bytes_of() { grep -v '^#' "$1" 2>/dev/null | tr -d ' \n' || true; }

# Regexes over the MCS bytes (hex, after TPKT and DT) of slow-path PDUs sent in the clear (no
# security header: xrdp crypt_level=none and freerdp-shadow send none after licensing).
# SDRQ / SDIN: a Send Data Request / Indication on the I/O channel 1003, either length form.
readonly SDRQ='^64....03eb70(8...|[0-7].)'
readonly SDIN='^68....03eb70(8...|[0-7].)'
# A Share Control Header of this pduType, then for Data PDUs the Share Data Header up to pduType2
# (pduSource, shareId, pad1, streamId, uncompressedLength: 20 hex digits).
share() { printf '....%s00' "$1"; }
data2() { printf '....1700.{20}%s' "$1"; }
# a Control PDU with this action (after pduType2: compressedType and compressedLength)
control() { printf '%s.{6}%s00' "$(data2 14)" "$1"; }

WRITTEN=()
# write_hex FILE DESCRIPTION SCENARIO PORT : writes TPKTS[IDX] with its header
write_hex() {
    local file=$1 desc=$2 scenario=$3 port=$4
    local out="$HEX_DIR/$file" tmp="$WORK/$file" old status payload=${TPKTS[IDX]}
    local frame=${TPKT_FRAMES[IDX]} others
    others=$(tshark -r "$WORK/$scenario.pcap" -Y "frame.number==$frame" -T fields -e tpkt.length \
        -d "tcp.port==$port,tpkt" 2>/dev/null | tr ',' '\n' | grep -c . || true)
    {
        printf '# %s\n' "$desc"
        printf '# server: %s\n' "$SERVER_DESC"
        printf '# server command: %s\n' "$SERVER_CMD"
        printf '# client: %s\n' "$CLIENT_DESC"
        printf '# client command: %s\n' "$CLIENT_CMD"
        printf '# capture: testdata/captures/mcs_%s.pcap, tcp.stream 0, frame %s, server port %s\n' \
            "$scenario" "$frame" "$port"
        printf '# date: %s, written by %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$SCRIPT_REL"
        ((others > 1)) && printf '# note: the frame holds %s TPKTs; the dissection shows all of them\n' "$others"
        printf '# tshark -r <capture> -d tcp.port==%s,tpkt -O t125,t124,rdp (bit diagrams left out):\n' "$port"
        tshark -r "$WORK/$scenario.pcap" -d "tcp.port==$port,tpkt" -O t125,t124,rdp \
            -Y "frame.number==$frame" 2>/dev/null |
            sed -n '/^MULTIPOINT\|^GENERIC\|^Remote Desktop\|^\[Malformed/,$p' |
            grep -v '^[[:space:]]*[.01 ]\{8,\} = ' | sed 's/^/#   /; s/[[:space:]]*$//; s/\xe2\x80\xa6/.../g'
        printf '# %d bytes:\n' $((${#payload} / 2))
        fold -w 32 <<<"$payload" | sed 's/../& /g; s/ $//'
    } >"$tmp"
    old=$(bytes_of "$out")
    if [[ -z $old ]]; then status=new; elif [[ $old == "$payload" ]]; then status=unchanged; else status=CHANGED; fi
    install -m 0644 "$tmp" "$out"
    WRITTEN+=("$(printf '%-56s %-9s %s bytes' "mcs/$file" "$status" $((${#payload} / 2)))")
    log "wrote mcs/$file ($status)"
}

# --------------------------------------------------------------------------
# Run
# --------------------------------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=rdp-probe-test \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >"$WORK/openssl.log" 2>&1 ||
    { cat "$WORK/openssl.log" >&2; die "openssl req failed"; }
start_xvfb
XRDP_VERSION=$(xrdp --version 2>&1 | awk '$1 == "xrdp" && !v { v = $2 } END { print v }')
FREERDP_VERSION=$(client_env timeout 10 xfreerdp /version 2>&1 | awk '/FreeRDP version/ && !v { v = $5 } END { print v }')
log "xrdp $XRDP_VERSION, FreeRDP $FREERDP_VERSION"
XF=("/u:$PROBE_USER" /sec:rdp "/client-hostname:$CLIENT_HOST" /kbd:0x409)

# ---- xrdp, RC4 128-bit at level HIGH: MCS in the clear, RC4 from Client Info
S=xrdp-rdp-high_xfreerdp-sec-rdp
start_xrdp rdp-high high false
P=$PORT
run_scenario "$S" "$P" "${XF[@]}"
cut_tpkts "$WORK/$S.pcap" "$P" c2s
find_tpkt ^7f65
write_hex xfreerdp-connect-initial.hex \
    "MCS Connect Initial with GCC Conference Create Request (client -> server), xfreerdp /sec:rdp" "$S" "$P"
find_tpkt ^04
write_hex xfreerdp-erect-domain-request.hex "MCS Erect Domain Request (client -> server)" "$S" "$P"
find_tpkt ^28$
write_hex xfreerdp-attach-user-request.hex "MCS Attach User Request (client -> server)" "$S" "$P"
find_tpkt ^38
write_hex xfreerdp-channel-join-request-user.hex \
    "MCS Channel Join Request (client -> server) for the user channel xrdp gave" "$S" "$P"
find_tpkt '^38....0000$'
write_hex xfreerdp-channel-join-request-unallocated.hex \
    "MCS Channel Join Request (client -> server) for channel 0: xfreerdp joins each static channel it asked for even though xrdp (allow_channels=false) allocated none" "$S" "$P"
find_tpkt '^64....03eb70(8...|[0-7].)01(00|02)'
write_hex xfreerdp-security-exchange.hex \
    "MCS Send Data Request with the Security Exchange PDU (client -> server): SEC_EXCHANGE_PKT, the RSA-encrypted client random (random per run)" "$S" "$P"
cut_tpkts "$WORK/$S.pcap" "$P" s2c
find_tpkt ^7f66
write_hex xrdp-connect-response-high.hex \
    "MCS Connect Response with GCC Conference Create Response (server -> client), xrdp crypt_level=high: SC_SECURITY with the server random (random per run) and a proprietary certificate" "$S" "$P"
find_tpkt ^2e
write_hex xrdp-attach-user-confirm.hex "MCS Attach User Confirm (server -> client)" "$S" "$P"
find_tpkt ^3e
write_hex xrdp-channel-join-confirm-user.hex "MCS Channel Join Confirm (server -> client) for the user channel" "$S" "$P"
find_tpkt '^3e00....03eb03eb$'
write_hex xrdp-channel-join-confirm-io.hex "MCS Channel Join Confirm (server -> client) for the I/O channel 1003" "$S" "$P"
find_tpkt '^3e00....00000000$'
write_hex xrdp-channel-join-confirm-unallocated.hex \
    "MCS Channel Join Confirm (server -> client) for channel 0, which xrdp confirms as joined" "$S" "$P"
# the ultimatum xrdp sends when the session cannot start (no sesman here)
find_last_tpkt '^2[012]..$'
write_hex xrdp-disconnect-provider-ultimatum.hex \
    "MCS Disconnect Provider Ultimatum (server -> client): xrdp's way of ending the connection (its source calls the reason rn-channel-purged; the bits say rn-user-requested)" "$S" "$P"
stop_server

# ---- xrdp without encryption: everything in the clear, static channels allocated
S=xrdp-rdp-none_xfreerdp-sec-rdp
start_xrdp rdp-none none true rdpdr=true rdpsnd=true drdynvc=true cliprdr=true
P=$PORT
run_scenario "$S" "$P" "${XF[@]}" -clipboard
cut_tpkts "$WORK/$S.pcap" "$P" c2s
find_tpkt ^7f65
write_hex xfreerdp-connect-initial-three-channels.hex \
    "MCS Connect Initial (client -> server), xfreerdp /sec:rdp -clipboard: three static channels" "$S" "$P"
find_tpkt '^38....03ec$'
write_hex xfreerdp-channel-join-request-static.hex "MCS Channel Join Request (client -> server) for static channel 1004" "$S" "$P"
find_tpkt '^64....03eb70(8...|[0-7].)4000'
write_hex xfreerdp-client-info.hex \
    "MCS Send Data Request with the Client Info PDU in the clear (client -> server): SEC_INFO_PKT, no encryption (server level NONE)" "$S" "$P"
cut_tpkts "$WORK/$S.pcap" "$P" s2c
find_tpkt ^7f66
write_hex xrdp-connect-response-none.hex \
    "MCS Connect Response (server -> client), xrdp crypt_level=none: SC_NET with three channel ids and the pad, SC_SECURITY method and level 0, the GCC user data length in two octets" "$S" "$P"
find_tpkt ^68
write_hex xrdp-license-request.hex \
    "MCS Send Data Indication with the server's License Request in the clear (server -> client): xrdp puts the licensing message size in flagsHi (its server random is the same on every run)" "$S" "$P"
find_tpkt "${SDIN}8000....ff"
write_hex xrdp-license-error-alert.hex \
    "MCS Send Data Indication with the licensing Error Alert STATUS_VALID_CLIENT (server -> client) after the client's New License Request: xrdp puts wMsgSize in flagsHi and leaves wBlobType of the empty error blob unset" "$S" "$P"
find_tpkt "$SDIN$(share 11)"
write_hex xrdp-demand-active.hex \
    "MCS Send Data Indication with the Demand Active PDU in the clear (server -> client): no security header at encryption level NONE" "$S" "$P"
find_tpkt "$SDIN$(data2 1f)"
write_hex xrdp-synchronize.hex "MCS Send Data Indication with the server's Synchronize PDU (server -> client)" "$S" "$P"
find_tpkt "$SDIN$(control 04)"
write_hex xrdp-control-cooperate.hex "MCS Send Data Indication with the server's Control PDU, action Cooperate (server -> client)" "$S" "$P"
find_tpkt "$SDIN$(control 02)"
write_hex xrdp-control-granted-control.hex "MCS Send Data Indication with the server's Control PDU, action Granted Control (server -> client)" "$S" "$P"
find_tpkt "$SDIN$(data2 28)"
write_hex xrdp-font-map.hex "MCS Send Data Indication with the server's Font Map PDU (server -> client)" "$S" "$P"
find_tpkt "$SDIN$(data2 02)"
write_hex xrdp-update.hex \
    "MCS Send Data Indication with the server's first Update PDU (server -> client), a Data PDU the codec keeps raw" "$S" "$P"
cut_tpkts "$WORK/$S.pcap" "$P" c2s
find_tpkt "${SDRQ}8000....13"
write_hex xfreerdp-license-new-license-request.hex \
    "MCS Send Data Request with the client's New License Request in the clear (client -> server), a licensing message the codec keeps raw" "$S" "$P"
find_tpkt "$SDRQ$(share 13)"
write_hex xfreerdp-confirm-active.hex \
    "MCS Send Data Request with the Confirm Active PDU in the clear (client -> server): FreeRDP's source descriptor is FREERDP" "$S" "$P"
find_tpkt "$SDRQ$(data2 1f)"
write_hex xfreerdp-synchronize.hex "MCS Send Data Request with the client's Synchronize PDU (client -> server)" "$S" "$P"
find_tpkt "$SDRQ$(control 04)"
write_hex xfreerdp-control-cooperate.hex "MCS Send Data Request with the client's Control PDU, action Cooperate (client -> server)" "$S" "$P"
find_tpkt "$SDRQ$(control 01)"
write_hex xfreerdp-control-request-control.hex "MCS Send Data Request with the client's Control PDU, action Request Control (client -> server)" "$S" "$P"
find_tpkt "$SDRQ$(data2 27)"
write_hex xfreerdp-font-list.hex "MCS Send Data Request with the client's Font List PDU (client -> server)" "$S" "$P"
stop_server

# ---- freerdp-shadow-cli /sec:rdp (encryption level NONE)
S=freerdp-shadow-rdp_xfreerdp-sec-rdp
start_shadow
P=$PORT
run_scenario "$S" "$P" "${XF[@]}"
cut_tpkts "$WORK/$S.pcap" "$P" c2s
find_tpkt ^7f65
write_hex xfreerdp-connect-initial-extended.hex \
    "MCS Connect Initial (client -> server), xfreerdp /sec:rdp to a server whose RDP_NEG_RSP allows extended client data: CS_MCS_MSGCHANNEL and CS_MULTITRANSPORT added" "$S" "$P"
cut_tpkts "$WORK/$S.pcap" "$P" s2c
find_tpkt ^7f66
write_hex freerdp-shadow-connect-response.hex \
    "MCS Connect Response (server -> client), freerdp-shadow-cli /sec:rdp: 16-byte SC_CORE, four channel ids, SC_MCS_MSGCHANNEL" "$S" "$P"
find_tpkt ^2e
write_hex freerdp-shadow-attach-user-confirm.hex "MCS Attach User Confirm (server -> client)" "$S" "$P"
find_tpkt ^68
write_hex freerdp-shadow-license-error-alert.hex \
    "MCS Send Data Indication with a licensing Error Alert (server -> client): FreeRDP writes the user data length in two octets" "$S" "$P"
find_tpkt "$SDIN$(share 11)"
write_hex freerdp-shadow-demand-active.hex \
    "MCS Send Data Indication with the Demand Active PDU in the clear (server -> client): no security header at encryption level NONE" "$S" "$P"
find_tpkt "$SDIN$(data2 1f)"
write_hex freerdp-shadow-synchronize.hex "MCS Send Data Indication with the server's Synchronize PDU (server -> client)" "$S" "$P"
find_tpkt "$SDIN$(control 04)"
write_hex freerdp-shadow-control-cooperate.hex "MCS Send Data Indication with the server's Control PDU, action Cooperate (server -> client)" "$S" "$P"
find_tpkt "$SDIN$(control 02)"
write_hex freerdp-shadow-control-granted-control.hex "MCS Send Data Indication with the server's Control PDU, action Granted Control (server -> client)" "$S" "$P"
find_tpkt "$SDIN$(data2 28)"
write_hex freerdp-shadow-font-map.hex "MCS Send Data Indication with the server's Font Map PDU (server -> client)" "$S" "$P"
cut_tpkts "$WORK/$S.pcap" "$P" c2s
find_tpkt "$SDRQ$(share 13)"
write_hex xfreerdp-confirm-active-to-shadow.hex \
    "MCS Send Data Request with the Confirm Active PDU in the clear (client -> server), to freerdp-shadow: more capability sets than to xrdp" "$S" "$P"
stop_server

# --------------------------------------------------------------------------
printf '\nClient runs (xfreerdp exit codes, see XF_EXIT_* in FreeRDP client/X11/xfreerdp.h):\n'
printf '  %s\n' "${SUMMARY[@]}"
printf '\nVectors:\n'
printf '  %s\n' "${WRITTEN[@]}"
printf '\nCaptures in %s\n' "$PCAP_DIR"
