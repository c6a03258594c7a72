#!/usr/bin/env python3
"""Regenerates the Jazzer seed inputs of CredSspFuzzTest and NtlmFuzzTest (raw binary files, one
directory per fuzz method) from the hex vectors beside this script and a few hand-made variants,
some of them broken on purpose (named broken-*). Run from anywhere with python3. Files Jazzer
saved there itself (crash-*) are left alone; the other files of each directory are replaced."""

import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent
RESOURCES = HERE.parent.parent / "core/src/test/resources/dev/rdpprobe/wire"

SEEDS = {}  # (package, class, method) -> {name: bytes}


def load(name):
    """The bytes of testdata/credssp/<name>.hex: '#' lines dropped."""
    text = (HERE / (name + ".hex")).read_text(encoding="ascii")
    return bytes.fromhex(
        "".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))


def seed(pkg, cls, method, name, data):
    SEEDS.setdefault((pkg, cls, method), {})[name] = bytes(data)


def der_len(n):
    if n < 0x80:
        return bytes([n])
    if n <= 0xFF:
        return bytes([0x81, n])
    return bytes([0x82]) + struct.pack(">H", n)


def tlv(tag, content):
    return bytes([tag]) + der_len(len(content)) + content


def octets(n, value):
    return tlv(0xA0 | n, tlv(0x04, value))


def nego_token(tsrequest):
    """The first negoToken of a TSRequest the way Windows and FreeRDP lay it out."""
    at = tsrequest.index(b"NTLMSSP\x00")
    # the OCTET STRING header is right before the signature
    return tsrequest[at:at + token_length(tsrequest, at)]


def token_length(b, at):
    if b[at - 2] == 0x04:
        return b[at - 1]
    if b[at - 3] == 0x04 and b[at - 2] == 0x81:
        return b[at - 1]
    return struct.unpack(">H", b[at - 2:at])[0]


REDEMPTION = [
    "redemption-client-tsrequest-negotiate",
    "redemption-server-tsrequest-challenge-v2",
    "redemption-client-tsrequest-authenticate-v2",
    "redemption-server-tsrequest-pubkeyauth-v2",
    "redemption-client-tsrequest-authinfo",
]


def credssp():
    c = ("credssp", "CredSspFuzzTest")
    nmap = load("nmap-rdp-ntlm-info-tsrequest-negotiate")
    windows = load("windows-19041-tsrequest-negotiate")
    for name, data in [("nmap-negotiate", nmap), ("windows-negotiate", windows)] + [
            (n.replace("redemption-", "").replace("-tsrequest", ""), load(n)) for n in REDEMPTION]:
        seed(*c, "tsRequestDecode", name, data)
    error = bytes.fromhex("300da003020106a40602 04c000006d".replace(" ", ""))
    seed(*c, "tsRequestDecode", "error-code-logon-failure", error)
    nonce = tlv(0x30, tlv(0xA0, bytes.fromhex("020106")) + octets(3, b"\xaa\xbb\xcc")
                + octets(5, bytes(range(32))))
    seed(*c, "tsRequestDecode", "pubkeyauth-and-nonce", nonce)
    seed(*c, "tsRequestDecode", "broken-truncated", windows[:-1])
    seed(*c, "tsRequestDecode", "broken-field-order",
         tlv(0x30, tlv(0xA0, bytes.fromhex("020106")) + octets(3, b"") + octets(2, b"")))
    seed(*c, "tsRequestDecode", "broken-empty-nego-data",
         bytes.fromhex("3009a003020106a1023000"))

    seed(*c, "tsRequestFrameLength", "short", bytes.fromhex("3037"))
    seed(*c, "tsRequestFrameLength", "long-form", load("redemption-client-tsrequest-authenticate-v2")[:4])
    seed(*c, "tsRequestFrameLength", "broken-incomplete", bytes.fromhex("308201"))
    seed(*c, "tsRequestFrameLength", "broken-indefinite", bytes.fromhex("3080"))
    seed(*c, "tsRequestFrameLength", "broken-tpkt", bytes.fromhex("0300001302f080"))

    seed(*c, "earlyUserAuthorizationResultDecode", "authz-success", bytes(4))
    seed(*c, "earlyUserAuthorizationResultDecode", "authz-access-denied", bytes([5, 0, 0, 0]))
    seed(*c, "earlyUserAuthorizationResultDecode", "broken-short", bytes(3))

    def utf16(s):
        return s.encode("utf-16-le")

    pw = tlv(0x30, octets(0, utf16("CORP")) + octets(1, utf16("alice")) + octets(2, utf16("pw")))
    creds = tlv(0x30, tlv(0xA0, bytes.fromhex("020101")) + octets(1, pw))
    seed(*c, "tsCredentialsDecode", "password", creds)
    seed(*c, "tsCredentialsDecode", "smart-card",
         tlv(0x30, tlv(0xA0, bytes.fromhex("020102")) + octets(1, tlv(0x30, b""))))
    seed(*c, "tsCredentialsDecode", "broken-truncated", creds[:-2])
    empty = tlv(0x30, octets(0, b"") + octets(1, b"") + octets(2, b""))
    seed(*c, "tsCredentialsDecode", "restricted-admin",
         tlv(0x30, tlv(0xA0, bytes.fromhex("020101")) + octets(1, empty)))
    seed(*c, "tsPasswordCredsDecode", "password", pw)
    seed(*c, "tsPasswordCredsDecode", "restricted-admin", empty)
    seed(*c, "tsPasswordCredsDecode", "broken-odd-user-name",
         tlv(0x30, octets(0, b"") + octets(1, b"A") + octets(2, b"")))
    seed(*c, "tsPasswordCredsDecode", "broken-trailing", pw + b"\x00")
    seed(*c, "tsPasswordCredsDecode", "broken-old-restricted-admin-inner",
         bytes.fromhex("300fa0020400a1020400a2020400"))
    # what the probe sent before issue 18: every length 3 octets too long
    seed(*c, "tsCredentialsDecode", "broken-restricted-admin-long-lengths", bytes.fromhex(
        "301aa003020101a113041130 0fa0020400a1020400a2020400".replace(" ", "")))


def ntlm():
    c = ("ntlm", "NtlmFuzzTest")
    from_tsrequest = {
        "nmap-negotiate": nego_token(load("nmap-rdp-ntlm-info-tsrequest-negotiate")),
        "windows-negotiate": nego_token(load("windows-19041-tsrequest-negotiate")),
        "redemption-negotiate": nego_token(load("redemption-client-tsrequest-negotiate")),
        "redemption-challenge": nego_token(load("redemption-server-tsrequest-challenge-v2")),
        "redemption-authenticate": nego_token(load("redemption-client-tsrequest-authenticate-v2")),
    }
    spec_challenge = load("ms-nlmp-4.2.4.3-challenge")
    spec_authenticate = load("ms-nlmp-4.2.4.3-authenticate")
    for name, data in from_tsrequest.items():
        seed(*c, "ntlmMessageDecode", name, data)
    seed(*c, "ntlmMessageDecode", "spec-challenge", spec_challenge)
    seed(*c, "ntlmMessageDecode", "spec-authenticate", spec_authenticate)
    seed(*c, "ntlmMessageDecode", "broken-signature", b"NTLMSSP\x01" + spec_challenge[8:])

    for name in ("nmap-negotiate", "windows-negotiate", "redemption-negotiate"):
        seed(*c, "negotiateMessageDecode", name, from_tsrequest[name])
    oem = (b"NTLMSSP\x00" + struct.pack("<II", 1, 0x00003000)
           + struct.pack("<HHI", 4, 4, 32) + struct.pack("<HHI", 2, 2, 36) + b"CORPWS")
    seed(*c, "negotiateMessageDecode", "oem-names-no-version", oem)
    seed(*c, "negotiateMessageDecode", "broken-truncated", from_tsrequest["nmap-negotiate"][:36])

    seed(*c, "challengeMessageDecode", "spec", spec_challenge)
    seed(*c, "challengeMessageDecode", "redemption", from_tsrequest["redemption-challenge"])
    swapped = bytearray(spec_challenge)
    swapped[16] = 0x38 + 36
    swapped[44] = 0x38
    swapped[0x38:0x38 + 36] = spec_challenge[0x44:0x44 + 36]
    swapped[0x38 + 36:0x38 + 48] = spec_challenge[0x38:0x44]
    seed(*c, "challengeMessageDecode", "spec-fields-swapped", swapped)
    no_eol = bytearray(spec_challenge)
    no_eol[40] = 32
    seed(*c, "challengeMessageDecode", "broken-no-eol", no_eol)
    in_header = bytearray(spec_challenge)
    in_header[16] = 0x10
    seed(*c, "challengeMessageDecode", "broken-offset-in-header", in_header)

    seed(*c, "authenticateMessageDecode", "spec", spec_authenticate)
    seed(*c, "authenticateMessageDecode", "redemption-mic", from_tsrequest["redemption-authenticate"])
    seed(*c, "authenticateMessageDecode", "broken-truncated", spec_authenticate[:-1])

    nt = spec_authenticate[0x84:0x84 + 0x54]
    seed(*c, "ntlmV2ResponseDecode", "spec-4.2.4.2.2", nt)
    red = from_tsrequest["redemption-authenticate"]
    seed(*c, "ntlmV2ResponseDecode", "redemption", red[0x70:0x70 + 0x70])
    seed(*c, "ntlmV2ResponseDecode", "broken-ntlm-v1", bytes(24))

    seed(*c, "ntlmV2ClientChallengeDecode", "spec-temp", nt[16:])
    seed(*c, "ntlmV2ClientChallengeDecode", "redemption", red[0x70 + 16:0x70 + 0x70])
    seed(*c, "ntlmV2ClientChallengeDecode", "broken-short", nt[16:16 + 27])

    seed(*c, "ntlmVersionDecode", "windows-10-17763", bytes.fromhex("0a0063450000000f"))
    seed(*c, "ntlmVersionDecode", "reserved-set", bytes.fromhex("0601b11d0102030f"))
    seed(*c, "ntlmVersionDecode", "broken-short", bytes.fromhex("0a006345000000"))

    seed(*c, "avPairsDecode", "spec-target-info", spec_challenge[0x44:0x44 + 36])
    seed(*c, "avPairsDecode", "redemption-with-z4", red[0x70 + 44:0x70 + 0x70])
    seed(*c, "avPairsDecode", "broken-no-eol", spec_challenge[0x44:0x44 + 32])


def write():
    for (pkg, cls, method), files in SEEDS.items():
        d = RESOURCES / pkg / (cls + "Inputs") / method
        d.mkdir(parents=True, exist_ok=True)
        for old in d.iterdir():
            if not old.name.startswith("crash-"):
                old.unlink()
        for name, data in files.items():
            (d / name).write_bytes(data)
        print(f"{pkg}/{cls}Inputs/{method}: {len(files)} seeds")


if __name__ == "__main__":
    credssp()
    ntlm()
    write()
