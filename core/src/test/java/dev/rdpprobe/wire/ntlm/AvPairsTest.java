package dev.rdpprobe.wire.ntlm;

import static dev.rdpprobe.wire.WireVectors.assertDecodeFails;
import static dev.rdpprobe.wire.WireVectors.assertError;
import static dev.rdpprobe.wire.WireVectors.assertRoundTrip;
import static dev.rdpprobe.wire.WireVectors.bytes;
import static dev.rdpprobe.wire.WireVectors.decodeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.DecodeException.Kind;
import dev.rdpprobe.wire.Octets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AV_PAIR (MS-NLMP 2.2.2.1) and lists of them. */
class AvPairsTest {

  @Test
  void pairsDecodeToTheirRecordsOrRaw() {
    AvPairs p =
        decodeAll(
            AvPairs::decode,
            bytes(
                "03 00 04 00 68 00 69 00" // MsvAvDnsComputerName "hi"
                    + " 06 00 04 00 02 00 00 00" // MsvAvFlags MIC_PROVIDED
                    + " 07 00 08 00 00 80 3e d5 de b1 9d 01" // MsvAvTimestamp 1970-01-01
                    + " 0a 00 10 00 00000000000000000000000000000000" // MsvAvChannelBindings
                    + " 01 00 03 00 41 00 42" // a name of odd length
                    + " 06 00 02 00 02 00" // flags of two octets
                    + " 34 12 01 00 ff" // an unknown id
                    + " 00 00 00 00" // MsvAvEOL
                    + " 00 00 00 00")); // Z(4)
    List<AvPair> pairs = p.pairs();
    assertEquals(new AvPair.Name(AvId.MSV_AV_DNS_COMPUTER_NAME, "hi"), pairs.get(0));
    assertEquals(new AvPair.Flags(new AvFlags(AvFlags.MIC_PROVIDED)), pairs.get(1));
    assertEquals(Instant.EPOCH, ((AvPair.Timestamp) pairs.get(2)).instant());
    assertEquals(
        new AvPair.Raw(AvId.MSV_AV_CHANNEL_BINDINGS, Octets.of(new byte[16])), pairs.get(3));
    assertInstanceOf(AvPair.Raw.class, pairs.get(4));
    assertInstanceOf(AvPair.Raw.class, pairs.get(5));
    assertEquals("unknown (0x1234)=ff", pairs.get(6).toString());
    assertEquals(Octets.of(new byte[4]), p.trailing());
    assertEquals("hi", p.name(AvId.MSV_AV_DNS_COMPUTER_NAME).orElseThrow());
    assertTrue(p.flags().orElseThrow().has(AvFlags.MIC_PROVIDED));
    assertEquals(Instant.EPOCH, p.time().orElseThrow());
    assertRoundTrip(p, AvPairs::decode);
  }

  @Test
  void rawIsNeverWhatATypedPairWouldBe() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new AvPair.Raw(AvId.MSV_AV_NB_COMPUTER_NAME, Octets.fromHex("4100")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AvPair.Raw(AvId.MSV_AV_FLAGS, Octets.of(new byte[4])));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AvPair.Raw(AvId.MSV_AV_TIMESTAMP, Octets.of(new byte[8])));
    assertThrows(
        IllegalArgumentException.class, () -> new AvPair.Raw(AvId.MSV_AV_EOL, Octets.EMPTY));
    assertThrows(IllegalArgumentException.class, () -> new AvPair.Name(AvId.MSV_AV_FLAGS, "x"));
  }

  @Test
  void fileTimeAndInstant() {
    assertEquals(116444736000000000L, AvPair.Timestamp.of(Instant.EPOCH).fileTime());
    Instant t = Instant.parse("2019-06-13T10:38:35.1234567Z");
    assertEquals(t, AvPair.Timestamp.of(t).instant());
    assertEquals(Instant.parse("1601-01-01T00:00:00Z"), new AvPair.Timestamp(0).instant());
    assertTrue(
        new AvPair.Timestamp(-1L).instant().isAfter(Instant.parse("+58000-01-01T00:00:00Z")));
    assertThrows(
        IllegalArgumentException.class,
        () -> AvPair.Timestamp.of(Instant.parse("1600-12-31T23:59:59Z")));
  }

  @Test
  void withReplacesTheFirstOfAnIdOrAppends() {
    AvPairs p =
        AvPairs.of(
            new AvPair.Name(AvId.MSV_AV_NB_DOMAIN_NAME, "A"),
            new AvPair.Name(AvId.MSV_AV_NB_DOMAIN_NAME, "B"));
    AvPairs replaced = p.with(new AvPair.Name(AvId.MSV_AV_NB_DOMAIN_NAME, "C"));
    assertEquals("C", replaced.name(AvId.MSV_AV_NB_DOMAIN_NAME).orElseThrow());
    assertEquals(2, replaced.pairs().size());
    AvPairs appended = p.with(new AvPair.Flags(new AvFlags(2)));
    assertEquals(3, appended.pairs().size());
    assertEquals(AvId.MSV_AV_FLAGS, appended.pairs().get(2).avId());
  }

  @Test
  void malformedLists() {
    DecodeException e = assertDecodeFails(AvPairs::decode, "01 00 02 00 41 00");
    assertError(e, Kind.INVALID_FIELD, "AV_PAIR list", "MsvAvEOL", 6);
    e = assertDecodeFails(AvPairs::decode, "01 00 04 00 41 00");
    assertError(e, Kind.INVALID_FIELD, "AV_PAIR list", "AvLen", 2);
    e = assertDecodeFails(AvPairs::decode, "00 00 01 00 00");
    assertError(e, Kind.INVALID_FIELD, "AV_PAIR list", "MsvAvEOL AvLen", 2);
  }

  @Test
  void idsAreNamed() {
    assertEquals("MsvAvDnsTreeName", AvId.MSV_AV_DNS_TREE_NAME.toString());
    assertEquals("unknown (0x0b)", new AvId(0x0b).toString());
    assertFalse(new AvId(0x0b).isKnown());
    assertEquals(
        "ACCOUNT_AUTHENTICATION_CONSTRAINED|MIC_PROVIDED|TARGET_SPN_UNTRUSTED|unknown (0x08)",
        new AvFlags(0xf).toString());
  }
}
