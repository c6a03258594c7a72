#!/bin/sh
# Regenerates the Jazzer seed inputs of X224FuzzTest (raw binary files, one directory per fuzz
# test method) from the hex vectors beside this script and a few hand-made broken variants.
# Run from anywhere; needs xxd. Files Jazzer saved there itself (crash-*) are left alone.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../core/src/test/resources/dev/rdpprobe/wire/x224/X224FuzzTestInputs"

# seed <method> <name> <hex...>: hex pairs as arguments
seed() {
  method=$1 name=$2
  shift 2
  mkdir -p "$out/$method"
  echo "$*" | xxd -r -p > "$out/$method/$name"
}

# seed_file <method> <name> <testdata .hex file>: drops '#' lines
seed_file() {
  mkdir -p "$out/$1"
  grep -v '^[[:space:]]*#' "$here/$3" | xxd -r -p > "$out/$1/$2"
}

cr_411=ms-rdpbcgr-4.1.1-client-x224-connection-request.hex
cc_412=ms-rdpbcgr-4.1.2-server-x224-connection-confirm.hex
dt_415=ms-rdpbcgr-4.1.5-client-mcs-erect-domain-request.hex
cookie_user="43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 55 73 65 72"
correlation_id="a1 b2 c3 d4 e5 f6 07 18 29 3a 4b 5c 6d 7e 8f 90"
zeros16="00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"

for m in tpktHeaderDecode tpktFrameLength; do
  seed "$m" spec-4.1.1-header 03 00 00 2c
  seed "$m" ironrdp-sample 03 00 05 42
  seed "$m" broken-version 04 00 00 0b
  seed "$m" broken-length-6 03 00 00 06
  seed "$m" broken-tls-record 16 03 01 00 a5
  seed "$m" broken-short 03 00 00
done

m=connectionRequestDecode
seed_file $m spec-4.1.1 $cr_411
seed_file $m nmap-terminalserver nmap-terminalserver-probe.hex
seed_file $m nmap-terminalservercookie nmap-terminalservercookie-probe.hex
seed $m correlation-info 03 00 00 37 32 e0 00 00 00 00 00 01 08 08 00 0b 00 00 00 \
  06 00 24 00 $correlation_id $zeros16
seed $m routing-token 03 00 00 37 32 e0 00 00 00 00 00 \
  43 6f 6f 6b 69 65 3a 20 6d 73 74 73 3d 33 36 34 30 32 30 35 32 32 38 2e 31 35 36 32 39 2e 30 30 30 30 0d 0a \
  01 00 08 00 01 00 00 00
seed $m broken-cookie-without-crlf 03 00 00 20 1b e0 00 00 00 00 00 $cookie_user
# a lone CR in the cookie name once made decode throw IllegalArgumentException
seed $m broken-cookie-name-with-cr 03 00 00 21 1c e0 00 00 00 00 00 \
  43 6f 6f 6b 69 65 3a 20 6d 73 74 73 68 61 73 68 3d 61 0d 62 0d 0a
seed $m broken-neg-req-length 03 00 00 13 0e e0 00 00 00 00 00 01 00 09 00 03 00 00 00
seed $m broken-correlation-id-0d 03 00 00 37 32 e0 00 00 00 00 00 01 08 08 00 0b 00 00 00 \
  06 00 24 00 a1 b2 c3 d4 e5 0d 07 18 29 3a 4b 5c 6d 7e 8f 90 $zeros16

m=connectionConfirmDecode
seed_file $m spec-4.1.2 $cc_412
seed $m ironrdp-response-hybrid 03 00 00 13 0e d0 00 00 00 00 00 02 1f 08 00 02 00 00 00
seed $m ironrdp-failure-6 03 00 00 13 0e d0 00 00 00 00 00 03 00 08 00 06 00 00 00
seed $m no-negotiation-data 03 00 00 0b 06 d0 00 00 00 00 00
seed $m broken-type-af 03 00 00 13 0e d0 00 00 00 00 00 af 1f 08 00 02 00 00 00
seed $m broken-li-10 03 00 00 0f 0a d0 00 00 12 34 00 02 00 08 00

m=dataDecode
seed_file $m spec-4.1.5 $dt_415
seed $m spec-4.1.6 03 00 00 08 02 f0 80 28
seed $m empty 03 00 00 07 02 f0 80
seed $m broken-li-3 03 00 00 08 03 f0 80 00
seed $m broken-eot 03 00 00 08 02 f0 00 28

m=disconnectRequestDecode
seed $m normal 03 00 00 0b 06 80 00 00 12 34 80
seed $m parameter-and-user-data 03 00 00 12 0a 80 00 01 12 34 85 e0 02 ab cd 01 02 03
seed $m broken-li-5 03 00 00 0b 05 80 00 00 12 34 80

m=errorDecode
seed $m not-specified 03 00 00 09 04 70 00 00 00
seed $m invalid-tpdu 03 00 00 0d 08 70 12 34 02 c1 02 06 e1
seed $m broken-trailing 03 00 00 0a 04 70 00 00 02 ff

m=x224TpduDecode
seed_file $m cr-spec-4.1.1 $cr_411
seed_file $m cr-nmap-terminalservercookie nmap-terminalservercookie-probe.hex
seed_file $m cc-spec-4.1.2 $cc_412
seed_file $m dt-spec-4.1.5 $dt_415
seed $m dr-normal 03 00 00 0b 06 80 00 00 12 34 80
seed $m er-invalid-tpdu 03 00 00 0d 08 70 12 34 02 c1 02 06 e1
seed $m broken-cr-truncated 03 00 00 2c 27 e0 00 00 00 00 00 43 6f 6f 6b 69
seed $m broken-cookie-without-crlf 03 00 00 20 1b e0 00 00 00 00 00 $cookie_user
seed $m broken-li-beyond-tpkt 03 00 00 0b 0e d0 00 00 12 34 00 02 00 08 00
seed $m broken-unknown-code 03 00 00 0b 06 50 00 00 00 00 00
seed $m broken-tls-record 16 03 03 00 7a 02 00 00 76 03 03

m=negotiationRequestDecode
seed $m spec-4.1.1 01 00 08 00 00 00 00 00
seed $m all-flags-all-protocols 01 0b 08 00 1f 00 00 00
seed $m broken-length-9 01 00 09 00 03 00 00 00

m=negotiationResultDecode
seed $m spec-4.1.2 02 00 08 00 00 00 00 00
seed $m failure-hybrid-required 03 00 08 00 05 00 00 00
seed $m broken-type-af af 1f 08 00 02 00 00 00
seed $m broken-length-7 02 00 07 00 00 00 00 00

m=negotiationResponseDecode
seed $m spec-4.1.2 02 00 08 00 00 00 00 00
seed $m hybrid-ex-all-flags 02 1f 08 00 08 00 00 00
seed $m broken-failure-type 03 00 08 00 05 00 00 00
seed $m broken-length-9 02 00 09 00 01 00 00 00

m=negotiationFailureDecode
seed $m hybrid-required 03 00 08 00 05 00 00 00
seed $m ssl-required 03 00 08 00 01 00 00 00
seed $m broken-response-type 02 00 08 00 00 00 00 00
seed $m broken-length-7 03 00 07 00 05 00 00 00

m=correlationInfoDecode
seed $m valid 06 00 24 00 $correlation_id $zeros16
seed $m broken-id-starts-00 06 00 24 00 00 b2 c3 d4 e5 f6 07 18 29 3a 4b 5c 6d 7e 8f 90 $zeros16
seed $m broken-id-has-0d 06 00 24 00 a1 b2 c3 d4 e5 0d 07 18 29 3a 4b 5c 6d 7e 8f 90 $zeros16
