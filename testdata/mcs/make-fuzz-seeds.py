#!/usr/bin/env python3
"""Regenerates the Jazzer seed inputs of McsFuzzTest, GccFuzzTest, SecFuzzTest, LicenseFuzzTest,
MultitransportFuzzTest, ShareFuzzTest, ServerSlowPathFuzzTest and UdpFuzzTest (raw binary files, one directory per fuzz
method) from the hex vectors beside this script (and the first client PDUs of ../rdpsec/) and a few hand-made
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


def license_request_certificate(framed):
    """The data of the ServerCertificate blob of a framed Server License Request."""
    body = send_data_user_data(framed)[8:]
    at = 32 + 4
    for _ in range(2):  # pbCompanyName, pbProductId
        at += 4 + struct.unpack_from("<I", body, at)[0]
    at += 4 + struct.unpack_from("<H", body, at + 2)[0]  # KeyExchangeList
    return body[at + 4:at + 4 + struct.unpack_from("<H", body, at + 2)[0]]


def tls_leaf_certificate(name):
    """The first DER certificate of the TLS Certificate message in testdata/tls/<name>.hex."""
    text = (HERE.parent / "tls" / (name + ".hex")).read_text(encoding="ascii")
    data = bytes.fromhex(
        "".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    handshake = b""
    while data:
        kind, length = data[0], struct.unpack_from(">H", data, 3)[0]
        if kind == 0x16:
            handshake += data[5:5 + length]
        data = data[5 + length:]
    while handshake:
        kind, length = handshake[0], int.from_bytes(handshake[1:4], "big")
        if kind == 11:  # Certificate: list length (3), then the first certificate's length (3)
            first = int.from_bytes(handshake[7:10], "big")
            return handshake[10:10 + first]
        handshake = handshake[4 + length:]
    raise ValueError("no Certificate message in " + name)


def x509_chain(ders, version=2):
    """A CERT_CHAIN_VERSION_2 server certificate: NumCertBlobs, cbCert + DER each, padding."""
    out = struct.pack("<II", version, len(ders))
    for der in ders:
        out += struct.pack("<I", len(der)) + der
    return out + bytes(8 + 4 * len(ders))


def load_share(name):
    """The bytes of testdata/share/<name>.hex: '#' lines dropped."""
    text = (HERE.parent / "share" / (name + ".hex")).read_text(encoding="ascii")
    return bytes.fromhex(
        "".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))


def share_data(source, share, pdu_type2, data, uncompressed=None):
    """A Data PDU as Windows writes it: both headers, uncompressedLength counted from pduType2."""
    total = 18 + len(data)
    if uncompressed is None:
        uncompressed = len(data) + 4
    return struct.pack("<HHHIBBHBBH", total, 0x17, source, share, 0, 1, uncompressed, pdu_type2,
                       0, 0) + data


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
    seed(*M, "sendDataHeaderDecode", "client-info", mcs(info))
    seed(*M, "sendDataHeaderDecode", "license-request", mcs(load("xrdp-license-request")))
    seed(*M, "sendDataHeaderDecode", "broken-attach-user-request", bytes.fromhex("28"))
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
            if t == 0xC002:
                seed(*G, "clientSecurityDataDecode", name, block)
            if t == 0xC004:
                seed(*G, "clientClusterDataDecode", name, block)
            if t == 0xC006:
                seed(*G, "clientMessageChannelDataDecode", name, block)
            if t == 0xC00A:
                seed(*G, "clientMultitransportChannelDataDecode", name, block)
            seed(*G, "rawDataBlockDecode", "%s-%04x" % (name, t), block)
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
            if t == 0x0C04:
                seed(*G, "serverMessageChannelDataDecode", name, block)
            if t == 0x0C08:
                seed(*G, "serverMultitransportChannelDataDecode", name, block)
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
    # blocks no capture here carries, by hand from MS-RDPBCGR 2.2.1.3.6 and 2.2.1.4.6
    seed(*G, "clientMonitorDataDecode", "two-monitors", bytes.fromhex(
        "05c03400 00000000 02000000"
        " 00000000 00000000 ff070000 af040000 01000000"
        " 00080000 00000000 ff0f0000 af040000 00000000".replace(" ", "")))
    seed(*G, "clientMonitorDataDecode", "broken-count-beyond-block",
         bytes.fromhex("05c01800000000000200000000000000000000007f0200003f010000"))
    seed(*G, "clientSecurityDataDecode", "broken-length-8", bytes.fromhex("02c008001b000000"))
    seed(*G, "clientClusterDataDecode", "broken-length-8", bytes.fromhex("04c008000d000000"))
    seed(*G, "clientMessageChannelDataDecode", "flags-zero", bytes.fromhex("06c0080000000000"))
    seed(*G, "clientMessageChannelDataDecode", "broken-other-type", bytes.fromhex("0ac0080000000000"))
    seed(*G, "clientMultitransportChannelDataDecode", "udp-fec-r",
         bytes.fromhex("0ac0080005030000"))
    seed(*G, "clientMultitransportChannelDataDecode", "broken-short", bytes.fromhex("0ac0060001"))
    seed(*G, "serverMessageChannelDataDecode", "channel-1006", bytes.fromhex("040c0600ee03"))
    seed(*G, "serverMessageChannelDataDecode", "broken-long", bytes.fromhex("040c0800ee030000"))
    seed(*G, "serverMultitransportChannelDataDecode", "udp-fec-r",
         bytes.fromhex("080c080005030000"))
    seed(*G, "serverMultitransportChannelDataDecode", "broken-truncated", bytes.fromhex("080c0800050300"))
    seed(*G, "rawDataBlockDecode", "unknown-type", bytes.fromhex("ffff0600abcd"))
    seed(*G, "rawDataBlockDecode", "broken-length-beyond", bytes.fromhex("ffff0900abcd"))
    # server certificates: xrdp's proprietary one (in its License Request and in Server Security
    # Data), and X.509 chains around the RSA certificate of the TLS vectors
    xrdp_cert = license_request_certificate(load("xrdp-license-request"))
    seed(*G, "serverCertificateRsaPublicKey", "xrdp-proprietary", xrdp_cert)
    seed(*G, "serverCertificateRsaPublicKey", "empty", b"")
    seed(*G, "serverCertificateRsaPublicKey", "unknown-version", bytes.fromhex("03000000"))
    leaf = tls_leaf_certificate("tls12-2-server")
    seed(*G, "serverCertificateRsaPublicKey", "x509-chain-of-1", x509_chain([leaf]))
    seed(*G, "serverCertificateRsaPublicKey", "x509-chain-of-2-temporary",
         x509_chain([leaf, leaf], 0x80000002))
    seed(*G, "serverCertificateRsaPublicKey", "broken-magic",
         xrdp_cert.replace(b"RSA1", b"RSA2"))
    seed(*G, "serverCertificateRsaPublicKey", "broken-keylen",
         xrdp_cert.replace(bytes.fromhex("4800000000020000"), bytes.fromhex("0040000000020000")))
    seed(*G, "serverCertificateRsaPublicKey", "broken-signature-short", xrdp_cert[:-1])
    seed(*G, "serverCertificateRsaPublicKey", "broken-cb-cert", bytes.fromhex("020000000100000005000000aabb"))
    seed(*G, "serverCertificateRsaPublicKey", "broken-der", x509_chain([leaf[:-1]]))

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
    exchange = send_data_user_data(load("xfreerdp-security-exchange"))
    seed(*S, "securityExchangePduDecode", "xfreerdp-2048-bit", exchange)
    seed(*S, "securityExchangePduDecode", "512-bit", bytes.fromhex("0100000048000000") + bytes(72))
    seed(*S, "securityExchangePduDecode", "broken-length-too-large", bytes.fromhex("0100000009040000"))
    seed(*S, "securityExchangePduDecode", "broken-short", exchange[:-1])
    seed(*S, "securityExchangePduDecode", "broken-info-packet", ud[:12])
    seed(*S, "nonFipsSecurityHeaderDecode", "salted", bytes.fromhex("080800000102030405060708"))
    for level, method in (("high", "nonFipsSecurityHeaderDecode"), ("fips", "fipsSecurityHeaderDecode")):
        session = HERE.parent / "rdpsec" / ("xrdp-rdp-%s_xfreerdp.txt" % level)
        first = next(line.split()[2] for line in session.read_text(encoding="ascii").splitlines()
                     if line.startswith("c2s data "))
        seed(*S, method, "xfreerdp-client-info", bytes.fromhex(first)[:12 if level == "high" else 16])
    seed(*S, "nonFipsSecurityHeaderDecode", "broken-short", bytes.fromhex("0800000001020304050607"))
    seed(*S, "fipsSecurityHeaderDecode", "padlen-3", bytes.fromhex("08000000100001030102030405060708"))
    seed(*S, "fipsSecurityHeaderDecode", "broken-length", bytes.fromhex("080000000c0001000102030405060708"))
    seed(*S, "fipsSecurityHeaderDecode", "broken-padlen", bytes.fromhex("08000000100001080102030405060708"))
    seed(*S, "rawSecurityPduDecode", "client-info", ud)
    seed(*S, "rawSecurityPduDecode", "heartbeat", bytes.fromhex("00400000") + bytes(4))
    seed(*S, "rawSecurityPduDecode", "broken-short", bytes.fromhex("4000"))

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
        if ud[4] == 0x13:
            seed(*L, "newLicenseRequestDecode", name, ud[8:])
        if ud[4] == 0x01:
            seed(*L, "serverLicenseRequestContents", name, ud[8:])
            seed(*L, "serverLicenseRequestDecode", name, ud[8:])
    spec_4_1_11 = bytes.fromhex("ff031000070000000200000004000000")  # MS-RDPBCGR 4.1.11 decrypted
    seed(*L, "licensePduDecode", "spec-4.1.11-decrypted", bytes.fromhex("80000000") + spec_4_1_11)
    seed(*L, "licensePduDecode", "platform-challenge",
         bytes.fromhex("80000000 02 03 0a00 000102030405".replace(" ", "")))
    seed(*L, "serverPlatformChallengeDecode", "body-6", bytes.fromhex("000102030405"))
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
    xf_request = send_data_user_data(load("xfreerdp-license-new-license-request"))[8:]
    seed(*L, "newLicenseRequestDecode", "empty-blobs", xf_request[:40] + bytes(12))
    seed(*L, "newLicenseRequestDecode", "broken-secret-blob-type",
         xf_request[:40] + b"\x01" + xf_request[41:])
    seed(*L, "newLicenseRequestDecode", "broken-short", xf_request[:39])
    xrdp_request = send_data_user_data(load("xrdp-license-request"))[8:]
    # an empty ServerCertificate of type 0 (as under TLS) and no scopes
    seed(*L, "serverLicenseRequestContents", "empty-certificate", xrdp_request[:104] + bytes(8))
    seed(*L, "serverLicenseRequestContents", "broken-trailing", xrdp_request + b"\x00")
    seed(*L, "serverLicenseRequestContents", "broken-scope-count",
         xrdp_request[:292] + struct.pack("<I", 6) + xrdp_request[296:])
    seed(*L, "serverLicenseRequestContents", "broken-odd-company-name",
         xrdp_request[:36] + struct.pack("<I", 45) + xrdp_request[40:])

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

    H = ("share", "ShareFuzzTest")
    # --- share -----------------------------------------------------------------------------
    share_files = {
        "spec-4.1.13-demand-active": load_share("ms-rdpbcgr-4.1.13-server-demand-active"),
        "spec-4.1.14-confirm-active": load_share("ms-rdpbcgr-4.1.14-client-confirm-active"),
        "spec-4.1.15-synchronize": load_share("ms-rdpbcgr-4.1.15-client-synchronize"),
        "spec-4.1.16-control-cooperate": load_share("ms-rdpbcgr-4.1.16-client-control-cooperate"),
        "ironrdp-request-control": load_share("ironrdp-client-control-request-control"),
        "ironrdp-font-list": load_share("ironrdp-client-font-list"),
        "ironrdp-granted-control": load_share("ironrdp-server-control-granted-control"),
        "ironrdp-font-map": load_share("ironrdp-server-font-map"),
    }
    peer_files = {
        name: load(name) for name in [
            "xrdp-demand-active", "freerdp-shadow-demand-active", "xfreerdp-confirm-active",
            "xfreerdp-confirm-active-to-shadow", "xfreerdp-synchronize", "xfreerdp-control-cooperate",
            "xfreerdp-control-request-control", "xfreerdp-font-list", "xrdp-synchronize",
            "xrdp-control-cooperate", "xrdp-control-granted-control", "xrdp-font-map", "xrdp-update",
            "freerdp-shadow-synchronize", "freerdp-shadow-control-cooperate",
            "freerdp-shadow-control-granted-control", "freerdp-shadow-font-map"]}
    set_error_info = share_data(1002, 0x103ea, 0x2f, struct.pack("<I", 7))
    logon_error = share_data(1002, 0x103ea, 0x26, struct.pack("<IHIIII", 3, 18, 2, 8, 0xFFFFFFF8, 2)
                             + bytes(570))
    logon_plain = share_data(1002, 0x103ea, 0x26, struct.pack("<I", 2) + bytes(576))
    deactivate = bytes.fromhex("0d001600ea03ea030100010000")
    deactivate_xp = bytes.fromhex("04001600")
    flow = bytes.fromhex("00804100 0102 ea03".replace(" ", ""))
    typed = {
        "demandActivePduDecode": ["spec-4.1.13-demand-active", "xrdp-demand-active",
                                  "freerdp-shadow-demand-active"],
        "confirmActivePduDecode": ["spec-4.1.14-confirm-active", "xfreerdp-confirm-active",
                                   "xfreerdp-confirm-active-to-shadow"],
        "synchronizePduDecode": ["spec-4.1.15-synchronize", "xfreerdp-synchronize",
                                 "xrdp-synchronize", "freerdp-shadow-synchronize"],
        "controlPduDecode": ["spec-4.1.16-control-cooperate", "ironrdp-request-control",
                             "ironrdp-granted-control", "xrdp-control-granted-control",
                             "freerdp-shadow-control-cooperate"],
        "fontListPduDecode": ["ironrdp-font-list", "xfreerdp-font-list"],
        "fontMapPduDecode": ["ironrdp-font-map", "xrdp-font-map", "freerdp-shadow-font-map"],
    }
    unframed = dict(share_files)
    for name, framed in peer_files.items():
        unframed[name] = send_data_user_data(framed)
        seed(*H, "slowPathPduDecodeFramed", name, framed)
    for name, data in unframed.items():
        seed(*H, "shareControlPduDecode", name, data)
        seed(*H, "slowPathPduDecode", name, data)
        if data[2] & 0x0F == 7:
            seed(*H, "shareDataPduDecode", name, data)
    for method, names in typed.items():
        for name in names:
            seed(*H, method, name, unframed[name])
    for name, data in [("set-error-info", set_error_info), ("logon-error", logon_error),
                       ("logon-plain-notify", logon_plain), ("deactivate-all", deactivate),
                       ("deactivate-all-xp", deactivate_xp), ("flow-test", flow)]:
        seed(*H, "shareControlPduDecode", name, data)
    seed(*H, "setErrorInfoPduDecode", "server-denied-connection", set_error_info)
    seed(*H, "setErrorInfoPduDecode", "broken-compressed",
         set_error_info[:15] + bytes([0x21]) + set_error_info[16:])
    seed(*H, "saveSessionInfoPduDecode", "logon-error", logon_error)
    seed(*H, "saveSessionInfoPduDecode", "logon-plain-notify", logon_plain)
    seed(*H, "logonInfoExtendedDecode", "logon-error", logon_error[22:])
    seed(*H, "logonInfoExtendedDecode", "cookie-and-error", struct.pack("<HIi", 0x2a, 3, 28)
         + bytes(28) + struct.pack("<III", 8, 0xFFFFFFFD, 0) + bytes(4))
    seed(*H, "logonInfoExtendedDecode", "broken-errors-length-9", struct.pack("<HIIII", 18, 2, 9, 0, 0))
    seed(*H, "deactivateAllPduDecode", "one-byte-descriptor", deactivate)
    seed(*H, "deactivateAllPduDecode", "windows-xp", deactivate_xp)
    seed(*H, "deactivateAllPduDecode", "share-id-only", bytes.fromhex("0a001600ea03ea030100"))
    seed(*H, "deactivateAllPduDecode", "broken-total-length-5", bytes.fromhex("0500160000"))
    seed(*H, "flowPduDecode", "flow-test", flow)
    seed(*H, "flowPduDecode", "broken-not-flow", deactivate[:8])
    demand = share_files["spec-4.1.13-demand-active"]
    at = 22  # the first capability set of 4.1.13: after the headers, "RDP\\0" and the count
    while at < len(demand) - 4:
        length = struct.unpack_from("<H", demand, at + 2)[0]
        t = struct.unpack_from("<H", demand, at)[0]
        seed(*H, "capabilitySetDecode", "spec-4.1.13-%02x" % t, demand[at:at + length])
        at += length
    seed(*H, "capabilitySetDecode", "broken-length-3", bytes.fromhex("01000300"))
    seed(*H, "capabilitySetDecode", "unknown-type", bytes.fromhex("06000500 00".replace(" ", "")))
    fewer = bytearray(demand)
    fewer[18] = 12
    seed(*H, "demandActivePduDecode", "broken-fewer-sets", bytes(fewer))
    seed(*H, "demandActivePduDecode", "broken-confirm-active", share_files["spec-4.1.14-confirm-active"])
    seed(*H, "synchronizePduDecode", "broken-trailing",
         bytes([0x17]) + share_files["spec-4.1.15-synchronize"][1:] + b"\xee")
    seed(*H, "controlPduDecode", "broken-synchronize", share_files["spec-4.1.15-synchronize"])
    seed(*H, "shareControlPduDecode", "broken-total-length-3", bytes.fromhex("03001700"))
    seed(*H, "shareControlPduDecode", "server-redirection", bytes.fromhex("0c001a00ea030000 0e040800".replace(" ", "")))
    seed(*H, "shareDataPduDecode", "compressed", set_error_info[:15] + bytes([0x21]) + set_error_info[16:])
    seed(*H, "shareDataPduDecode", "broken-deactivate-all", deactivate)
    seed(*H, "slowPathPduDecodeWithSecurityHeader", "ignore-seqno",
         bytes.fromhex("20000000") + share_files["spec-4.1.15-synchronize"])
    seed(*H, "slowPathPduDecodeWithSecurityHeader", "broken-encrypted",
         bytes.fromhex("08000000") + share_files["spec-4.1.15-synchronize"])
    seed(*H, "slowPathPduDecodeWithSecurityHeader", "broken-license",
         bytes.fromhex("80000000") + share_files["spec-4.1.15-synchronize"])
    sync_with_header = bytes.fromhex("20000000") + share_files["spec-4.1.15-synchronize"]
    seed(*H, "slowPathPduDecodeFramedWithSecurityHeader", "ignore-seqno",
         struct.pack(">BBH", 3, 0, 7 + 7 + len(sync_with_header)) + bytes.fromhex("02f080")
         + bytes.fromhex("64000603eb70") + bytes([len(sync_with_header)]) + sync_with_header)
    seed(*H, "slowPathPduDecodeFramedWithSecurityHeader", "broken-no-header",
         peer_files["xfreerdp-synchronize"])
    seed(*H, "slowPathPduDecode", "broken-security-header", sync_with_header)
    seed(*H, "slowPathPduDecodeFramed", "broken-license-request", load("xrdp-license-request"))

    U = ("udp", "UdpFuzzTest")
    # --- MS-RDPEUDP (big-endian) -------------------------------------------------------------
    def load_udp(name):
        text = (HERE.parent / "udp" / (name + ".hex")).read_text(encoding="ascii")
        return bytes.fromhex(
            "".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    spec_syn = load_udp("ms-rdpeudp-4.1.1-syn-start")
    spec_syn_ack = load_udp("ms-rdpeudp-4.1.2-syn-ack-start")
    spec_ack = load_udp("ms-rdpeudp-4.2.3-ack")
    probe_syn = bytes.fromhex("ffffffff00401001 12345678 04d004d0 00010002".replace(" ", ""))
    probe_syn = probe_syn + bytes(1232 - len(probe_syn))
    v3_syn = bytes.fromhex("ffffffff00401001 00000007 04d004d0 00010101".replace(" ", "")) + bytes(range(32))
    seed(*U, "datagramDecode", "spec-4.1.2-syn-ack", spec_syn_ack)
    seed(*U, "datagramDecode", "spec-4.1.2-syn-ack-padded", spec_syn_ack + bytes(1232 - len(spec_syn_ack)))
    seed(*U, "datagramDecode", "spec-4.1.1-with-correlation-id",
         spec_syn + bytes(range(16)) + bytes(16) + bytes(1232 - 48))
    seed(*U, "datagramDecode", "spec-4.2.3-ack", spec_ack)
    seed(*U, "datagramDecode", "probe-syn", probe_syn)
    seed(*U, "datagramDecode", "version-3-syn", v3_syn)
    seed(*U, "datagramDecode", "broken-spec-4.1.1-without-id", spec_syn)
    seed(*U, "datagramDecode", "broken-cut-cookie-hash", v3_syn[:40])
    seed(*U, "fecHeaderDecode", "spec-4.1.1", spec_syn[:8])
    seed(*U, "fecHeaderDecode", "spec-4.1.2", spec_syn_ack[:8])
    seed(*U, "fecHeaderDecode", "broken-short", spec_syn[:5])
    seed(*U, "synDataPayloadDecode", "spec-4.1.1", spec_syn[8:16])
    seed(*U, "synDataPayloadDecode", "mtu-out-of-range", bytes.fromhex("0000000103e807d0"))
    seed(*U, "synDataPayloadDecode", "broken-short", spec_syn[8:14])
    seed(*U, "correlationIdPayloadDecode", "counting", bytes(range(16)) + bytes(16))
    seed(*U, "correlationIdPayloadDecode", "broken-short", bytes(20))
    seed(*U, "synDataExPayloadDecode", "version-2", bytes.fromhex("00010002"))
    seed(*U, "synDataExPayloadDecode", "broken-short", bytes.fromhex("0001"))
    seed(*U, "synDataExPayloadDecodeWithCookieHash", "version-3", v3_syn[16:])
    seed(*U, "synDataExPayloadDecodeWithCookieHash", "broken-short-hash", v3_syn[16:40])

    # --- slowpath: whatever a server sends after the Client Info PDU ---------------------------
    S = ("slowpath", "ServerSlowPathFuzzTest")
    server_frames = [
        "xrdp-license-request", "xrdp-license-error-alert", "freerdp-shadow-license-error-alert",
        "xrdp-demand-active", "freerdp-shadow-demand-active", "xrdp-synchronize",
        "xrdp-control-cooperate", "xrdp-control-granted-control", "xrdp-font-map",
        "freerdp-shadow-synchronize", "freerdp-shadow-font-map",
    ]
    for name in server_frames:
        framed = load(name)
        seed(*S, "decodeFramed", name, framed)
        seed(*S, "decode", name, send_data_user_data(framed))
    seed(*S, "decode", "set-error-info-denied", set_error_info)
    seed(*S, "decode", "heartbeat", bytes.fromhex("00400000") + bytes.fromhex("00000000"))
    seed(*S, "decode", "multitransport-request",
         bytes.fromhex("02000000") + struct.pack("<IHH", 1, 1, 0) + bytes(16))
    seed(*S, "decode", "broken-encrypted-license", bytes.fromhex("88000000") + bytes(16))
    seed(*S, "decode", "broken-short", bytes.fromhex("80"))
    seed(*S, "decodeFramed", "broken-cut", load("xrdp-demand-active")[:-1])

    # --- connect: the steps after the Client Info PDU, fed server frames in sequence -------------
    C = ("../connect", "SlowPathStepsFuzzTest")

    def indication(user_data, channel=1003):
        length = bytes([len(user_data)]) if len(user_data) < 0x80 else struct.pack(">H", 0x8000 | len(user_data))
        mcs_part = bytes([0x68]) + struct.pack(">HH", 1002 - 1001, channel) + b"\x70" + length + user_data
        x224 = b"\x02\xf0\x80" + mcs_part
        return struct.pack(">BBH", 3, 0, 4 + len(x224)) + x224

    xrdp_session = b"".join(load(n) for n in [
        "xrdp-license-request", "xrdp-license-error-alert", "xrdp-demand-active",
        "xrdp-synchronize", "xrdp-control-cooperate", "xrdp-control-granted-control",
        "xrdp-font-map"])
    shadow_session = b"".join(load(n) for n in [
        "freerdp-shadow-license-error-alert", "freerdp-shadow-demand-active",
        "freerdp-shadow-synchronize", "freerdp-shadow-control-cooperate",
        "freerdp-shadow-control-granted-control", "freerdp-shadow-font-map"])
    multitransport = indication(
        bytes.fromhex("02000000") + struct.pack("<IHH", 1, 1, 0) + bytes(16), channel=1004)
    seed(*C, "steps", "xrdp-session", xrdp_session)
    seed(*C, "steps", "shadow-session", shadow_session)
    seed(*C, "steps", "denied", indication(set_error_info) + load("xrdp-disconnect-provider-ultimatum"))
    seed(*C, "steps", "multitransport-then-demand-active",
         load("freerdp-shadow-license-error-alert") + multitransport + load("xrdp-demand-active"))

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
