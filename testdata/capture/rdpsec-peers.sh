#!/usr/bin/env bash
# rdpsec-peers.sh -- regenerate the Standard RDP Security sessions in testdata/rdpsec/
# (one text file per xrdp crypt_level) and their captures (testdata/captures/rdpsec_*.pcap):
#
#   client: FreeRDP 2 xfreerdp /sec:rdp (under a private Xvfb)
#   server: xrdp 0.9.21 security_layer=rdp at crypt_level low, medium, high and fips
#
# Each session file holds what a test needs to check FreeRDP's and xrdp's encryption against
# dev.rdpprobe.rdpsec without the server's private key: the method and level, the server random
# and certificate, the client random FreeRDP chose (decrypted here from its Security Exchange PDU
# with xrdp's private key, /etc/xrdp/rsakeys.ini, which is read and never written out), the
# encrypted client random as sent, and every PDU after the Security Exchange in order and
# direction (Send Data user data, or whole fast-path PDUs).
#
# Usage: testdata/capture/rdpsec-peers.sh            (no arguments; as root: rsakeys.ini is 0600)
#
# Needs what mcs-peers.sh needs (xrdp, xfreerdp, Xvfb, dumpcap + tshark, openssl, iproute2,
# util-linux, coreutils) and python3. Runs in a private network namespace (unshare --net);
# RDPSEC_PEERS_NETNS=host uses the host loopback instead. Only 127.0.0.1 and ports in
# 35000-36000 are used. Everything temporary lives in one mktemp directory that is removed on
# exit; every process started is stopped by PID on exit.
set -euo pipefail

SCRIPT_PATH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
TESTDATA=$(cd "$(dirname "$SCRIPT_PATH")/.." && pwd)
readonly SCRIPT_PATH TESTDATA
readonly OUT_DIR=$TESTDATA/rdpsec
readonly PCAP_DIR=$TESTDATA/captures
readonly SCRIPT_REL=testdata/capture/$(basename "$SCRIPT_PATH")
readonly CLIENT_TIMEOUT=15 START_TIMEOUT=10 PORT_MIN=35000 PORT_MAX=36000

log() { printf '[rdpsec-peers] %s\n' "$*" >&2; }
die() { printf '[rdpsec-peers] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || die "run as root: xrdp's private key (/etc/xrdp/rsakeys.ini) is readable by root only"
if [[ -z "${RDPSEC_PEERS_NETNS:-}" ]]; then
    if unshare --net true 2>/dev/null; then
        export RDPSEC_PEERS_NETNS=private
        exec unshare --net -- "$BASH" "$SCRIPT_PATH" "$@"
    fi
    export RDPSEC_PEERS_NETNS=host
fi
[[ $RDPSEC_PEERS_NETNS == private ]] && ip link set lo up

WORK=""
PIDS=()
stop_pid() { # stop_pid PID [SIGNAL] -- TERM (or SIGNAL), then KILL after 5 s
    local pid=$1 sig=${2:-TERM} i
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    kill "-$sig" "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
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

for cmd in xrdp xfreerdp Xvfb dumpcap tshark openssl ss ip timeout python3; do
    command -v "$cmd" >/dev/null || die "missing command: $cmd"
done
[[ -r /etc/xrdp/rsakeys.ini ]] || die "/etc/xrdp/rsakeys.ini is missing (as root: xrdp-keygen xrdp auto)"
[[ ! -e /var/run/xrdp/xrdp.pid ]] || die "/var/run/xrdp/xrdp.pid exists; xrdp would refuse to start"

WORK=$(mktemp -d /tmp/rdpsec-peers.XXXXXX)
mkdir -p "$WORK/home/.config" "$OUT_DIR" "$PCAP_DIR"
log "work dir $WORK, network namespace: $RDPSEC_PEERS_NETNS"

free_port() { # prints a free TCP port in [PORT_MIN, PORT_MAX]
    local p tries
    for ((tries = 0; tries < 500; tries++)); do
        p=$((PORT_MIN + RANDOM % (PORT_MAX - PORT_MIN + 1)))
        [[ -z "$(ss -Htan "( sport = :$p or dport = :$p )")" ]] && { echo "$p"; return 0; }
    done
    die "no free port in $PORT_MIN-$PORT_MAX"
}
is_listening() { [[ -n "$(ss -Hltn "sport = :$1")" ]]; }
pkgver() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo unknown; }

Xvfb -displayfd 9 -nolisten tcp -screen 0 1024x768x24 9>"$WORK/xvfb.display" >"$WORK/xvfb.log" 2>&1 &
PIDS+=("$!")
for ((i = 0; i < START_TIMEOUT * 10; i++)); do [[ -s "$WORK/xvfb.display" ]] && break; sleep 0.1; done
DISPLAY_NUM=$(tr -dc '0-9' <"$WORK/xvfb.display")
[[ -n "$DISPLAY_NUM" ]] || die "Xvfb did not report a display number"
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=rdp-probe-test \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >"$WORK/openssl.log" 2>&1 || die "openssl req failed"
XRDP_VERSION=$(xrdp --version 2>&1 | awk '$1 == "xrdp" && !v { v = $2 } END { print v }')
FREERDP_VERSION=$(env HOME="$WORK/home" DISPLAY=":$DISPLAY_NUM" timeout 10 xfreerdp /version 2>&1 |
    awk '/FreeRDP version/ && !v { v = $5 } END { print v }')
log "xrdp $XRDP_VERSION, FreeRDP $FREERDP_VERSION, Xvfb :$DISPLAY_NUM"

SUMMARY=()
for LEVEL in low medium high fips; do
    NAME=xrdp-rdp-$LEVEL
    SCENARIO=rdpsec_${NAME}_xfreerdp-sec-rdp
    PORT=$(free_port)
    {
        printf '%s\n' '[Globals]' 'ini_version=1' 'fork=false' "port=tcp://127.0.0.1:$PORT" \
            'use_vsock=false' 'tcp_nodelay=true' 'security_layer=rdp' "crypt_level=$LEVEL" \
            "certificate=$WORK/cert.pem" "key_file=$WORK/key.pem" 'allow_channels=false' 'max_bpp=32'
        printf '%s\n' '[Logging]' "LogFile=$WORK/$NAME.log" 'LogLevel=INFO' 'EnableSyslog=false' \
            'EnableConsole=false' '[Channels]'
    } >"$WORK/$NAME.ini"
    xrdp --nodaemon -c "$WORK/$NAME.ini" >"$WORK/$NAME.out" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    for ((i = 0; i < START_TIMEOUT * 10; i++)); do is_listening "$PORT" && break; sleep 0.1; done
    is_listening "$PORT" || die "xrdp ($LEVEL) not listening on $PORT"

    dumpcap -q -P -i lo -f "tcp port $PORT" -w "$WORK/$SCENARIO.pcap" 2>"$WORK/dumpcap.log" &
    CAP_PID=$!
    PIDS+=("$CAP_PID")
    for ((i = 0; i < START_TIMEOUT * 10; i++)); do grep -q "Capturing on" "$WORK/dumpcap.log" && break; sleep 0.1; done
    sleep 0.3
    CLIENT_ARGS=(/u:rdpprobe /sec:rdp /client-hostname:rdpprobe /kbd:0x409)
    rc=0
    env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" DISPLAY=":$DISPLAY_NUM" TZ=UTC \
        timeout -k 5 "$CLIENT_TIMEOUT" xfreerdp "/v:127.0.0.1:$PORT" /cert:ignore "${CLIENT_ARGS[@]}" \
        </dev/null >"$WORK/$SCENARIO.client.log" 2>&1 || rc=$?
    sleep 1
    stop_pid "$CAP_PID" INT
    stop_pid "$SERVER_PID"
    install -m 0644 "$WORK/$SCENARIO.pcap" "$PCAP_DIR/$SCENARIO.pcap"
    XRDP_ERROR=$(grep -m1 '\[ERROR\]' "$WORK/$NAME.log" | sed 's/^\[[^]]*\] //' || true)

    # the TCP payloads of stream 0 in frame order: direction (c2s or s2c) and hex
    tshark -r "$WORK/$SCENARIO.pcap" -Y "tcp.stream==0 && tcp.len>0 && !tcp.analysis.retransmission" \
        -T fields -e tcp.dstport -e tcp.payload 2>/dev/null |
        awk -v port="$PORT" '{ print ($1 == port ? "c2s" : "s2c"), $2 }' >"$WORK/$SCENARIO.payloads"

    python3 - "$WORK/$SCENARIO.payloads" "$OUT_DIR/$NAME"_xfreerdp.txt <<PY
import sys, re

payloads, out = sys.argv[1], sys.argv[2]
MAX_PDUS = 18

def key(name):
    text = open("/etc/xrdp/rsakeys.ini").read()
    m = re.search(r"^%s=([0-9a-fA-Fx, ]+)\$" % name, text, re.M)
    return int.from_bytes(bytes(int(x, 16) for x in m.group(1).split(",")), "little")

streams = {"c2s": b"", "s2c": b""}
order = []  # (direction, start offset in that direction's stream)
for line in open(payloads):
    d, h = line.split()
    order.append((d, len(streams[d])))
    streams[d] += bytes.fromhex(h.replace(":", ""))

def frames(data):
    """(offset, frame) of each TPKT or fast-path PDU."""
    at, out = 0, []
    while at + 2 <= len(data):
        if data[at] == 3:
            n = int.from_bytes(data[at + 2:at + 4], "big")
        elif data[at + 1] & 0x80:
            n = (data[at + 1] & 0x7F) << 8 | data[at + 2]
        else:
            n = data[at + 1]
        if n < 2 or at + n > len(data):
            break
        out.append((at, data[at:at + n]))
        at += n
    return out

def per_length(b, at):
    """A PER length: (value, octets)."""
    return ((b[at] & 0x3F) << 8 | b[at + 1], 2) if b[at] & 0x80 else (b[at], 1)

def send_data(frame):
    """The user data of a Send Data Request (0x64) or Indication (0x68), else None."""
    if frame[0] != 3 or frame[7] not in (0x64, 0x68):
        return None
    at = 7 + 1 + 2 + 2 + 1  # choice, initiator, channelId, dataPriority/segmentation
    n, k = per_length(frame, at)
    return frame[at + k:at + k + n]

all_frames = []
for d in ("c2s", "s2c"):
    for off, f in frames(streams[d]):
        seq = max(i for i, (dd, start) in enumerate(order) if dd == d and start <= off)
        all_frames.append((seq, off, d, f))
all_frames.sort()

server_random = certificate = method = level = exchange = None
for _, _, d, f in all_frames:
    if d == "s2c" and f[7] == 0x7F and f[8] == 0x66 and server_random is None:
        at = f.index(bytes.fromhex("020c"))  # SC_SECURITY
        method = int.from_bytes(f[at + 4:at + 8], "little")
        level = int.from_bytes(f[at + 8:at + 12], "little")
        rlen = int.from_bytes(f[at + 12:at + 16], "little")
        clen = int.from_bytes(f[at + 16:at + 20], "little")
        server_random = f[at + 20:at + 20 + rlen]
        certificate = f[at + 20 + rlen:at + 20 + rlen + clen]
    ud = send_data(f) if d == "c2s" else None
    if ud is not None and ud[0] & 0x01 and exchange is None:
        exchange = ud

assert server_random and exchange, "no Connect Response or Security Exchange"
length = int.from_bytes(exchange[4:8], "little")
field = exchange[8:8 + length]
n, d = key("pub_mod"), key("pri_exp")
random = pow(int.from_bytes(field[:length - 8], "little"), d, n).to_bytes(length - 8, "little")
assert not any(random[32:]), "the client random does not decrypt to 32 bytes"

after, lines = False, []
for _, _, dirn, f in all_frames:
    ud = send_data(f)
    if not after and dirn == "c2s" and ud == exchange:
        after = True
        continue
    if not after:
        continue
    if f[0] == 3:
        if ud is None:
            lines.append("%s mcs %s" % (dirn, f[7:].hex()))
        else:
            lines.append("%s data %s" % (dirn, ud.hex()))
    else:
        lines.append("%s fastpath %s" % (dirn, f.hex()))

# the first PDUs are enough: the licensing, the Demand Active, the finalization, a few updates
lines = lines[:MAX_PDUS]

with open(out, "w") as o:
    o.write("# Standard RDP Security session: xfreerdp /sec:rdp against xrdp security_layer=rdp crypt_level=$LEVEL\n")
    o.write("# server: xrdp $XRDP_VERSION (Debian xrdp $(pkgver xrdp)); client: FreeRDP xfreerdp $FREERDP_VERSION (Debian freerdp2-x11 $(pkgver freerdp2-x11)) on Xvfb, TZ=UTC\n")
    o.write("# client command: xfreerdp /v:127.0.0.1:$PORT /cert:ignore ${CLIENT_ARGS[*]} (exit $rc)\n")
    o.write("# capture: testdata/captures/$SCENARIO.pcap, tcp.stream 0\n")
    o.write("# xrdp's first error: ${XRDP_ERROR:-none}\n")
    o.write("# client-random: decrypted at capture time from encrypted-client-random with xrdp's private key\n")
    o.write("# after the Security Exchange, each PDU in order: direction, 'data' (Send Data user data),\n")
    o.write("# 'fastpath' (a whole fast-path PDU) or 'mcs' (another MCS PDU), hex\n")
    o.write("# date: $(date -u +%Y-%m-%dT%H:%M:%SZ), written by $SCRIPT_REL (the first %d PDUs kept)\n" % MAX_PDUS)
    o.write("method %08x\nlevel %d\n" % (method, level))
    o.write("server-random %s\nserver-certificate %s\n" % (server_random.hex(), certificate.hex()))
    o.write("client-random %s\nencrypted-client-random %s\n" % (random[:32].hex(), field.hex()))
    o.write("exchange-flags %04x\n" % int.from_bytes(exchange[0:2], "little"))
    for line in lines:
        o.write(line + "\n")
print(len(lines))
PY
    SUMMARY+=("$(printf '%-8s xfreerdp exit=%-4s xrdp: %s' "$LEVEL" "$rc" "${XRDP_ERROR:-no error}")")
    log "crypt_level=$LEVEL: xfreerdp exit $rc"
    cp "$WORK/$SCENARIO.client.log" "$WORK/$LEVEL.client.log"
done
printf '%s\n' "${SUMMARY[@]}"
for LEVEL in low medium high fips; do
    printf -- '--- xfreerdp at crypt_level=%s (last lines)\n' "$LEVEL"
    tail -n 5 "$WORK/$LEVEL.client.log" | cut -c1-200
done
