package dev.rdpprobe.wire.udp;

import static dev.rdpprobe.wire.WireVectors.assertBytes;
import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertEveryPrefixNeedsMoreBytes;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.assertVector;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.concat;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static dev.rdpprobe.wire.WireVectors.encode;
import static dev.rdpprobe.wire.WireVectors.testdata;
import static dev.rdpprobe.wire.WireVectors.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.WireVectors.Vector;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** MS-RDPEUDP version 1 header, SYN payloads and datagrams (testdata/udp), big-endian. */
class RdpudpTest {
  static final byte[] SPEC_SYN = testdata("udp/ms-rdpeudp-4.1.1-syn-start.hex");
  static final byte[] SPEC_SYN_ACK = testdata("udp/ms-rdpeudp-4.1.2-syn-ack-start.hex");
  static final byte[] SPEC_ACK = testdata("udp/ms-rdpeudp-4.2.3-ack.hex");

  static Stream<Vector<?>> vectors() {
    return Stream.of(
        vector(
            "MS-RDPEUDP 4.1.1 RDPUDP_FEC_HEADER",
            new FecHeader(
                0xFFFFFFFF,
                1024,
                new RdpudpFlags(
                    RdpudpFlags.RDPUDP_FLAG_SYN
                        | RdpudpFlags.RDPUDP_FLAG_SYNLOSSY
                        | RdpudpFlags.RDPUDP_FLAG_CORRELATION_ID)),
            Arrays.copyOf(SPEC_SYN, 8),
            FecHeader::decode),
        vector(
            "MS-RDPEUDP 4.1.1 RDPUDP_SYNDATA_PAYLOAD",
            new SynDataPayload(0x42, 1232, 1232),
            Arrays.copyOfRange(SPEC_SYN, 8, 16),
            SynDataPayload::decode),
        vector(
            "MS-RDPEUDP 4.1.2 RDPUDP_FEC_HEADER",
            new FecHeader(
                0x42,
                1024,
                new RdpudpFlags(RdpudpFlags.RDPUDP_FLAG_SYN | RdpudpFlags.RDPUDP_FLAG_ACK)),
            Arrays.copyOf(SPEC_SYN_ACK, 8),
            FecHeader::decode),
        vector(
            "IronRDP SYNDATAEX version 2 (pdu_v1_syn.rs)",
            SynDataExPayload.of(UdpVersion.RDPUDP_PROTOCOL_VERSION_2),
            "00 01 00 02",
            SynDataExPayload::decode),
        vector(
            "IronRDP SYNDATA 0x12345678 1232/1132 (pdu_v1_syn.rs)",
            new SynDataPayload(0x12345678, 1232, 1132),
            "12 34 56 78 04 d0 04 6c",
            SynDataPayload::decode));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encodesDecodesAndSizes(Vector<?> v) {
    assertVector(v);
    assertEveryPrefixNeedsMoreBytes(v.decoder()::apply, v.bytes());
  }

  @Test
  void theSpecificationsSynAckDecodesWhole() {
    RdpudpDatagram d = decodeAll(RdpudpDatagram::decode, SPEC_SYN_ACK);
    assertTrue(d.isSynAck());
    assertEquals("RDPUDP SYN+ACK", d.name());
    assertEquals(0x42, d.header().snSourceAck(), "the client's initial sequence number");
    assertEquals("RDPUDP_FLAG_SYN|RDPUDP_FLAG_ACK", d.flags().toString());
    assertEquals(new SynDataPayload(0x42, 1232, 1232), d.synData());
    assertTrue(d.synData().mtusInRange());
    assertNull(d.synDataEx());
    assertEquals(3, d.rest().length());
    assertTrue(d.restIsZeroPadding());
    assertBytes(SPEC_SYN_ACK, encode(d), "4.1.2 re-encoded");
    // padded to the MTU as a server sends it
    byte[] padded = Arrays.copyOf(SPEC_SYN_ACK, 1232);
    RdpudpDatagram full = decodeAll(RdpudpDatagram::decode, padded);
    assertEquals(1216, full.rest().length());
    assertEquals(
        "snSourceAck=0x42, uReceiveWindowSize=1024, uFlags=RDPUDP_FLAG_SYN|RDPUDP_FLAG_ACK,"
            + " snInitialSequenceNumber=0x42, MTU up 1232, down 1232, 1216 bytes of padding",
        full.summary());
    assertEquals(
        "RdpudpDatagram[header=FecHeader[snSourceAck=66, uReceiveWindowSize=1024,"
            + " uFlags=RDPUDP_FLAG_SYN|RDPUDP_FLAG_ACK], synData=SynDataPayload["
            + "snInitialSequenceNumber=66, uUpStreamMtu=1232, uDownStreamMtu=1232],"
            + " correlationId=null, synDataEx=null, rest=1216 bytes, zero]",
        full.toString());
    assertEveryPrefixNeedsMoreBytes(RdpudpDatagram::decode, Arrays.copyOf(SPEC_SYN_ACK, 16));
  }

  @Test
  void theSpecificationsSynStartNeedsItsCorrelationId() {
    // 4.1.1's flags announce a CORRELATION_ID the 16 reproduced bytes do not hold
    DecodeException e = assertDecodeFails(RdpudpDatagram::decode, SPEC_SYN, "4.1.1 start");
    assertError(e, Kind.NOT_ENOUGH_BYTES, CorrelationIdPayload.NAME, "uCorrelationId", 16);
    Octets id = Octets.fromHex("00112233445566778899aabbccddeeff");
    byte[] whole =
        concat(concat(SPEC_SYN, encode(CorrelationIdPayload.of(id))), new byte[1232 - 48]);
    RdpudpDatagram d = decodeAll(RdpudpDatagram::decode, whole);
    assertEquals(id, d.correlationId().uCorrelationId());
    assertEquals("RDPUDP SYN", d.name());
    assertFalse(d.isSynAck());
    assertRoundTrip(d, RdpudpDatagram::decode);
  }

  @Test
  void theProbesSyn() {
    RdpudpDatagram syn = RdpudpDatagram.probeSyn(0x12345678, null);
    byte[] b = encode(syn);
    assertEquals(1232, b.length, "padded to the MTU");
    assertBytes(
        bytes("ff ff ff ff 00 40 10 01 12 34 56 78 04 d0 04 d0 00 01 00 02"),
        Arrays.copyOf(b, 20),
        "the probe's SYN: IronRDP's v1_syn_datagram_roundtrip values");
    assertTrue(syn.restIsZeroPadding());
    assertEquals("RDPUDP_FLAG_SYN|RDPUDP_FLAG_SYNEX", syn.flags().toString());
    assertRoundTrip(syn, RdpudpDatagram::decode);
    RdpudpDatagram withId =
        RdpudpDatagram.probeSyn(1, Octets.fromHex("0102030405060708090a0b0c0d0e0f10"));
    byte[] w = encode(withId);
    assertEquals(1232, w.length);
    assertEquals(0x18, w[6] & 0xff, "SYNEX|CORRELATION_ID");
    assertBytes(bytes("00 01 00 02"), Arrays.copyOfRange(w, 48, 52), "SYNDATAEX after the id");
    assertRoundTrip(withId, RdpudpDatagram::decode);
  }

  @Test
  void onlyAClientSynOfVersion3CarriesTheCookieHash() {
    Octets hash = Octets.of(new byte[32]);
    FecHeader client =
        new FecHeader(
            -1, 64, new RdpudpFlags(RdpudpFlags.RDPUDP_FLAG_SYN | RdpudpFlags.RDPUDP_FLAG_SYNEX));
    RdpudpDatagram v3 =
        new RdpudpDatagram(
            client,
            new SynDataPayload(7, 1232, 1232),
            null,
            new SynDataExPayload(1, UdpVersion.RDPUDP_PROTOCOL_VERSION_3, hash),
            Octets.EMPTY);
    assertEquals(52, encode(v3).length);
    assertRoundTrip(v3, RdpudpDatagram::decode);
    // a SYN+ACK choosing version 3, padded: the padding is not a cookie hash
    FecHeader server =
        new FecHeader(
            7,
            64,
            new RdpudpFlags(
                RdpudpFlags.RDPUDP_FLAG_SYN
                    | RdpudpFlags.RDPUDP_FLAG_ACK
                    | RdpudpFlags.RDPUDP_FLAG_SYNEX));
    RdpudpDatagram synAck =
        new RdpudpDatagram(
            server,
            new SynDataPayload(9, 1232, 1232),
            null,
            SynDataExPayload.of(UdpVersion.RDPUDP_PROTOCOL_VERSION_3),
            Octets.of(new byte[1212]));
    RdpudpDatagram decoded = decodeAll(RdpudpDatagram::decode, encode(synAck));
    assertNull(decoded.synDataEx().cookieHash());
    assertEquals("RDPUDP_PROTOCOL_VERSION_3 (0x101)", decoded.synDataEx().uUdpVer().toString());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RdpudpDatagram(
                client,
                new SynDataPayload(7, 1232, 1232),
                null,
                SynDataExPayload.of(UdpVersion.RDPUDP_PROTOCOL_VERSION_3),
                Octets.EMPTY));
    // a version 3 client SYN cut inside the hash
    byte[] cut = Arrays.copyOf(encode(v3), 40);
    DecodeException e = assertDecodeFails(RdpudpDatagram::decode, cut, "cut hash");
    assertError(e, Kind.NOT_ENOUGH_BYTES, SynDataExPayload.NAME, "uSynExFlags", 16);
    assertRoundTrip(v3.synDataEx(), SynDataExPayload::decodeWithCookieHash);
  }

  @Test
  void otherDatagramsKeepTheirPayloadsRaw() {
    RdpudpDatagram ack = decodeAll(RdpudpDatagram::decode, SPEC_ACK);
    assertEquals("RDPUDP datagram", ack.name());
    assertEquals("RDPUDP_FLAG_ACK|RDPUDP_FLAG_ACK_OF_ACKS", ack.flags().toString());
    assertNull(ack.synData());
    assertEquals(Octets.fromHex("00 01 04 00 d6 cf 0a b8"), ack.rest());
    assertBytes(SPEC_ACK, encode(ack), "4.2.3 re-encoded");
    assertEquals(
        "RDPUDP_FLAG_SYN|RDPUDP_FLAG_FIN|RDPUDP_FLAG_ACK|RDPUDP_FLAG_DATA|RDPUDP_FLAG_FEC"
            + "|RDPUDP_FLAG_CN|RDPUDP_FLAG_CWR|RDPUDP_FLAG_SACK_OPTION|RDPUDP_FLAG_ACK_OF_ACKS"
            + "|RDPUDP_FLAG_SYNLOSSY|RDPUDP_FLAG_ACKDELAYED|RDPUDP_FLAG_CORRELATION_ID"
            + "|RDPUDP_FLAG_SYNEX|unknown (0xe000)",
        new RdpudpFlags(0xffff).toString());
    // SYN with ACK_OF_ACKS is no handshake datagram: kept raw
    RdpudpDatagram odd = decodeAll(RdpudpDatagram::decode, bytes("00 00 00 01 00 40 01 01 aa bb"));
    assertNull(odd.synData());
    assertEquals(2, odd.rest().length());
  }

  @Test
  void truncatedHandshakePayloadsAreErrors() {
    DecodeException e =
        assertDecodeFails(RdpudpDatagram::decode, "ff ff ff ff 00 40 10 01 00 00 00 01");
    assertError(e, Kind.NOT_ENOUGH_BYTES, SynDataPayload.NAME, "snInitialSequenceNumber", 8);
    e =
        assertDecodeFails(
            RdpudpDatagram::decode, "ff ff ff ff 00 40 10 01 00 00 00 01 04 d0 04 d0 00 01");
    assertError(e, Kind.NOT_ENOUGH_BYTES, SynDataExPayload.NAME, "uSynExFlags", 16);
    e = assertDecodeFails(RdpudpDatagram::decode, new byte[0x10000], "65536 bytes");
    assertError(e, Kind.TOO_LARGE, RdpudpDatagram.NAME, "datagram", 0);
    assertEveryPrefixNeedsMoreBytes(
        RdpudpDatagram::decode, Arrays.copyOf(encode(RdpudpDatagram.probeSyn(5, null)), 20));
  }

  @Test
  void outOfRangeMtusAreKept() {
    SynDataPayload small = decodeAll(SynDataPayload::decode, bytes("00 00 00 01 03 e8 07 d0"));
    assertEquals(1000, small.uUpStreamMtu());
    assertEquals(2000, small.uDownStreamMtu());
    assertFalse(small.mtusInRange());
    assertEquals("unknown (0xffff)", new UdpVersion(0xffff).toString());
  }
}
