#!/usr/bin/env python3
"""Regenerates the Jazzer seed inputs of McsFuzzTest, GccFuzzTest, SecFuzzTest, LicenseFuzzTest,
MultitransportFuzzTest, ShareFuzzTest and UdpFuzzTest (raw binary files, one directory per fuzz
method) from the hex vectors beside this script and a few hand-made
broken variants. Run from anywhere with python3. Files Jazzer saved there itself (crash-*) are left
alone; the other files of each directory are replaced."""

import pathlib
import struct

HERE = pathlib.Path(__file__).resolve().parent
RESOURCES = HERE.parent.parent / "core/src/test/resources/dev/rdpprobe/wire"


def load(name):
    """The bytes of testdata/mcs/<name>.hex: '#' lines dropped."""
    text = (HERE / (name + ".hex")).read_text(encoding="ascii")
    return bytes.fromhex(
        "".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))


SEEDS = {}  # (package, class, method) -> {name: bytes}


def seed(pkg, cls, method, name, data):
    SEEDS.setdefault((pkg, cls, method), {})[name] = bytes(data)


def mcs(framed):
    """The MCS PDU of a framed packet: after TPKT and DT."""
    return framed[7:]


def gcc_of(framed):
    """The GCC bytes inside a Connect Initial or Response: from the T.124 key to the end."""
    return framed[framed.index(bytes.fromhex("000500147c0001")):]


def blocks_of(gcc, key):
    """The data blocks after the H.221 key and the PER length."""
    at = gcc.index(key) + 4
    return gcc[at + (2 if gcc[at] & 0x80 else 1):]


def split_blocks(blocks):
    out = []
    while blocks:
        length = struct.unpack_from("<H", blocks, 2)[0]
        out.append(blocks[:length])
        blocks = blocks[length:]
    return out


def send_data_user_data(framed):
    m = mcs(framed)
    at = 6
    return m[at + (2 if m[at] & 0x80 else 1):]


def main():
    ci_spec = load("ms-rdpbcgr-4.1.3-client-mcs-connect-initial")
    cr_spec = load("ms-rdpbcgr-4.1.4-server-mcs-connect-response")
    ci_xf = load("xfreerdp-connect-initial-extended")
    cr_xrdp = load("xrdp-connect-response-none")
    cr_xrdp_high = load("xrdp-connect-response-high")
    cr_shadow = load("freerdp-shadow-connect-response")
    info = load("xfreerdp-client-info")
    domain = {
        "erect-domain": load("xfreerdp-erect-domain-request"),
        "attach-user-request": load("xfreerdp-attach-user-request"),
        "attach-user-confirm": load("xrdp-attach-user-confirm"),
        "channel-join-request": load("xfreerdp-channel-join-request-static"),
        "channel-join-confirm": load("xrdp-channel-join-confirm-io"),
        "send-data-request": load("xfreerdp-security-exchange"),
        "send-data-indication": load("freerdp-shadow-license-error-alert"),
        "ultimatum": load("xrdp-disconnect-provider-ultimatum"),
    }

    M = ("mcs", "McsFuzzTest")
    # --- MCS -------------------------------------------------------------------------------
    for name, framed in [("spec-4.1.3", ci_spec), ("xfreerdp", ci_xf)]:
        seed(*M, "connectInitialDecode", name, mcs(framed))
        seed(*M, "mcsPduDecode", "connect-initial-" + name, mcs(framed))
        seed(*M, "mcsPduDecodeFramed", "connect-initial-" + name, framed)
    for name, framed in [("spec-4.1.4", cr_spec), ("xrdp", cr_xrdp), ("freerdp-shadow", cr_shadow)]:
        seed(*M, "connectResponseDecode", name, mcs(framed))
        seed(*M, "mcsPduDecode", "connect-response-" + name, mcs(framed))
        seed(*M, "mcsPduDecodeFramed", "connect-response-" + name, framed)
    seed(*M, "connectInitialDecode", "broken-indefinite-length", bytes.fromhex("7f6580"))
    seed(*M, "connectInitialDecode", "broken-connect-response", mcs(cr_spec))
    seed(*M, "connectResponseDecode", "broken-truncated", mcs(cr_spec)[:60])
    seed(*M, "connectResponseDecode", "broken-integer-5-octets",
         bytes.fromhex("7f66080a0100020500ffffffff"))
    per_method = {
        "erectDomainRequestDecode": "erect-domain",
        "attachUserRequestDecode": "attach-user-request",
        "attachUserConfirmDecode": "attach-user-confirm",
        "channelJoinRequestDecode": "channel-join-request",
        "channelJoinConfirmDecode": "channel-join-confirm",
        "sendDataRequestDecode": "send-data-request",
        "sendDataIndicationDecode": "send-data-indication",
        "disconnectProviderUltimatumDecode": "ultimatum",
    }
    for method, name in per_method.items():
        seed(*M, method, name, mcs(domain[name]))
        seed(*M, "domainMcsPduDecode", name, mcs(domain[name]))
        seed(*M, "mcsPduDecodeFramed", name, domain[name])
    seed(*M, "erectDomainRequestDecode", "broken-zero-length-integer", bytes.fromhex("0400 0100".replace(" ", "")))
    seed(*M, "attachUserRequestDecode", "broken-non-standard-bit", bytes.fromhex("2a"))
    seed(*M, "attachUserConfirmDecode", "failure-without-initiator", bytes.fromhex("2da0"))
    seed(*M, "attachUserConfirmDecode", "broken-padding", bytes.fromhex("2e010006"))
    seed(*M, "channelJoinRequestDecode", "broken-choice", bytes.fromhex("3c000603ef"))
    seed(*M, "channelJoinConfirmDecode", "failure-without-channel", bytes.fromhex("3c60000603f2"))
    seed(*M, "sendDataRequestDecode", "client-info", mcs(info))
    seed(*M, "sendDataRequestDecode", "broken-fragmented-length", bytes.fromhex("64000603eb70c1"))
    seed(*M, "sendDataIndicationDecode", "license-request", mcs(load("xrdp-license-request")))
    seed(*M, "sendDataIndicationDecode", "broken-padding", bytes.fromhex("68000103eb710100"))
    for reason in range(8):
        seed(*M, "disconnectProviderUltimatumDecode", "reason-%d" % reason,
             bytes([0x20 | reason >> 1, (reason & 1) << 7]))
    seed(*M, "disconnectProviderUltimatumDecode", "broken-padding", bytes.fromhex("2181"))
    seed(*M, "domainMcsPduDecode", "broken-reject-ultimatum", bytes.fromhex("2400"))
    seed(*M, "mcsPduDecodeFramed", "client-info", info)
    seed(*M, "mcsPduDecodeFramed", "broken-trailing", bytes.fromhex("0300000902f0802800"))
    seed(*M, "mcsPduDecode", "broken-connect-additional", bytes.fromhex("7f6700"))
    for name in ["send-data-request", "send-data-indication"]:
        seed(*M, "sendDataHeaderDecodeFramed", name, domain[name])
    seed(*M, "sendDataHeaderDecodeFramed", "client-info", info)
    seed(*M, "sendDataHeaderDecodeFramed", "broken-user-data-short",
         bytes.fromhex("030000100 2f080 68000103eb7003abcd".replace(" ", "")))
    seed(*M, "sendDataHeaderDecodeFramed", "broken-attach-user-request", domain["attach-user-request"])

    G = ("gcc", "GccFuzzTest")
    # --- GCC -------------------------------------------------------------------------------
    for name, framed in [("spec-4.1.3", ci_spec), ("xfreerdp", ci_xf)]:
        g = gcc_of(framed)
        seed(*G, "conferenceCreateRequestDecode", name, g)
        b = blocks_of(g, b"Duca")
        seed(*G, "clientDataBlocksDecode", name, b)
        for block in split_blocks(b):
            t = struct.unpack_from("<H", block)[0]
            seed(*G, "clientDataBlockDecode", "%s-%04x" % (name, t), block)
            seed(*G, "userDataHeaderDecode", "%s-%04x" % (name, t), block)
            if t == 0xC001:
                seed(*G, "clientCoreDataDecode", name, block)
            if t == 0xC003:
                seed(*G, "clientNetworkDataDecode", name, block)
    for name, framed in [("spec-4.1.4", cr_spec), ("xrdp", cr_xrdp), ("xrdp-high", cr_xrdp_high),
                         ("freerdp-shadow", cr_shadow)]:
        g = gcc_of(framed)
        seed(*G, "conferenceCreateResponseDecode", name, g)
        b = blocks_of(g, b"McDn")
        seed(*G, "serverDataBlocksDecode", name, b)
        for block in split_blocks(b):
            t = struct.unpack_from("<H", block)[0]
            seed(*G, "serverDataBlockDecode", "%s-%04x" % (name, t), block)
            if t == 0x0C01:
                seed(*G, "serverCoreDataDecode", name, block)
            if t == 0x0C02:
                seed(*G, "serverSecurityDataDecode", name, block)
            if t == 0x0C03:
                seed(*G, "serverNetworkDataDecode", name, block)
    seed(*G, "conferenceCreateRequestDecode", "broken-other-oid",
         bytes.fromhex("000500157c0001"))
    seed(*G, "conferenceCreateResponseDecode", "broken-request", gcc_of(ci_spec))
    seed(*G, "clientDataBlocksDecode", "broken-block-overrun", bytes.fromhex("02c00c001b000000"))
    seed(*G, "clientDataBlockDecode", "broken-length-3", bytes.fromhex("02c00300"))
    seed(*G, "clientCoreDataDecode", "broken-inside-high-color-depth",
         bytes.fromhex("01c08d00") + bytes(128) + bytes(9))
    seed(*G, "clientNetworkDataDecode", "broken-32-channels", bytes.fromhex("03c0080020000000"))
    seed(*G, "serverCoreDataDecode", "broken-inside-requested-protocols",
         bytes.fromhex("010c0a00040008000000"))
    seed(*G, "serverSecurityDataDecode", "broken-cert-length",
         bytes.fromhex("020c18000200000003000000020000000500000000000000"))
    seed(*G, "serverNetworkDataDecode", "odd-without-pad", bytes.fromhex("030c0a00eb030100ec03"))
    seed(*G, "serverNetworkDataDecode", "broken-count-beyond-block", bytes.fromhex("030c0a00eb030200ec03"))
    seed(*G, "serverDataBlocksDecode", "broken-block-overrun", bytes.fromhex("010c0c00"))
    seed(*G, "serverDataBlockDecode", "unknown-type", bytes.fromhex("ffff0600abcd"))
    seed(*G, "userDataHeaderDecode", "broken-length-2", bytes.fromhex("01c00200"))

    S = ("sec", "SecFuzzTest")
    # --- security layer --------------------------------------------------------------------
    ud = send_data_user_data(info)
    seed(*S, "clientInfoPduDecode", "xfreerdp", ud)
    seed(*S, "clientInfoPduDecode", "broken-encrypted", bytes.fromhex("48000000") + bytes(12))
    seed(*S, "clientInfoPduDecode", "broken-license-packet", bytes.fromhex("80003e0101023e01"))
    seed(*S, "infoPacketDecode", "xfreerdp", ud[4:])
    seed(*S, "infoPacketDecode", "spec-4.1.10", load("ms-rdpbcgr-4.1.10-client-info-packet"))
    seed(*S, "infoPacketDecode", "ansi-strings-only",
         struct.pack("<IIHHHHH", 0x409, 0, 3, 2, 0, 0, 0) + b"ACD\0AB\0\0\0\0")
    seed(*S, "infoPacketDecode", "broken-cb-domain-514", bytes.fromhex("000000001000000002020000000000000000"))
    seed(*S, "infoPacketDecode", "broken-terminator",
         bytes.fromhex("00000000100000000000000000000000000041000000000000000000"))
    seed(*S, "basicSecurityHeaderDecode", "client-info", ud[:4])
    seed(*S, "basicSecurityHeaderDecode", "xrdp-license-flags-hi", bytes.fromhex("80003e01"))
    seed(*S, "basicSecurityHeaderDecode", "broken-short", bytes.fromhex("4000"))

    L = ("license", "LicenseFuzzTest")
    # --- licensing -------------------------------------------------------------------------
    licensing = {
        "freerdp-shadow-valid-client": load("freerdp-shadow-license-error-alert"),
        "xrdp-valid-client": load("xrdp-license-error-alert"),
        "xrdp-license-request": load("xrdp-license-request"),
        "xfreerdp-new-license-request": load("xfreerdp-license-new-license-request"),
    }
    for name, framed in licensing.items():
        ud = send_data_user_data(framed)
        seed(*L, "licensePduDecodeFramed", name, framed)
        seed(*L, "licensePduDecode", name, ud)
        seed(*L, "licensePreambleDecode", name, ud[4:])
        if ud[4] == 0xFF:
            seed(*L, "licenseErrorMessageDecode", name, ud[8:])
            seed(*L, "licenseBinaryBlobDecode", name, ud[16:])
    spec_4_1_11 = bytes.fromhex("ff031000070000000200000004000000")  # MS-RDPBCGR 4.1.11 decrypted
    seed(*L, "licensePduDecode", "spec-4.1.11-decrypted", bytes.fromhex("80000000") + spec_4_1_11)
    seed(*L, "licensePduDecode", "platform-challenge",
         bytes.fromhex("80000000 02 03 0a00 000102030405".replace(" ", "")))
    seed(*L, "licensePduDecode", "broken-encrypted",
         bytes.fromhex("88020203 8d439aabd52a3139 624dc1ec0d9988e6daab2c02724d4990".replace(" ", "")))
    seed(*L, "licensePduDecode", "broken-info-packet", bytes.fromhex("40000000") + spec_4_1_11)
    seed(*L, "licensePduDecode", "broken-trailing",
         bytes.fromhex("80000000ff031100070000000200000004000000ee"))
    seed(*L, "licensePduDecodeFramed", "broken-spec-4.1.11-encrypted", bytes.fromhex(
        "0300002a02f08068000103eb701c880202038d439aabd52a3139624dc1ec0d9988e6daab2c02724d4990"))
    seed(*L, "licensePreambleDecode", "broken-size-3", bytes.fromhex("ff030300"))
    seed(*L, "licensePreambleDecode", "broken-size-beyond", bytes.fromhex("ff031100070000"))
    seed(*L, "licenseErrorMessageDecode", "error-blob", bytes.fromhex("0600000001000000040003000a0b0c"))
    seed(*L, "licenseErrorMessageDecode", "broken-blob-overrun", bytes.fromhex("07000000020000000400ff00"))
    seed(*L, "licenseBinaryBlobDecode", "random", bytes.fromhex("02000400deadbeef"))
    seed(*L, "licenseBinaryBlobDecode", "broken-short", bytes.fromhex("0400"))

    T = ("multitransport", "MultitransportFuzzTest")
    # --- multitransport --------------------------------------------------------------------
    # a Windows 10 server's request (aquesnel/rdps2rdp test_parser_v2_mstsc.py)
    windows_request = bytes.fromhex(
        "0300002a02f08068000103f3701c0200000005000000010000007cfd7223c26d4e4889aa758868941fda")
    seed(*T, "requestDecodeFramed", "windows-10", windows_request)
    seed(*T, "requestDecode", "windows-10", windows_request[14:])
    seed(*T, "requestDecode", "reserved-1-json", windows_request[14:22] + bytes.fromhex("0100")
         + windows_request[24:] + b"\0\0{\"v\":1}")
    seed(*T, "requestDecode", "broken-response-flags", bytes.fromhex("04000000") + windows_request[18:])
    seed(*T, "requestDecode", "broken-short-cookie", windows_request[14:40])
    seed(*T, "requestDecodeFramed", "broken-trailing-tpkt", windows_request[:3] + bytes([0x2b])
         + windows_request[4:] + b"\0")
    abort = bytes.fromhex("040000000700000004400080")
    seed(*T, "responseDecode", "e-abort", abort)
    seed(*T, "responseDecode", "s-ok", bytes.fromhex("040000002a00000000000000"))
    seed(*T, "responseDecode", "broken-encrypted", bytes.fromhex("0c0000000700000004400080"))
    seed(*T, "responseDecodeFramed", "e-abort", bytes.fromhex("0300001a02f08064000603f3700c") + abort)
    seed(*T, "responseDecodeFramed", "broken-trailing",
         bytes.fromhex("0300001b02f08064000603f3700d") + abort + b"\xff")

    for (pkg, cls, method), files in SEEDS.items():
        d = RESOURCES / pkg / (cls + "Inputs") / method
        d.mkdir(parents=True, exist_ok=True)
        for old in d.iterdir():
            if not old.name.startswith("crash-"):
                old.unlink()
        for name, data in files.items():
            (d / name).write_bytes(data)
    print("wrote %d seeds in %d directories" % (sum(len(f) for f in SEEDS.values()), len(SEEDS)))


if __name__ == "__main__":
    main()
