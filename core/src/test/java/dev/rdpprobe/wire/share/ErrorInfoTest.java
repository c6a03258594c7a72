package dev.rdpprobe.wire.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ERRINFO table of MS-RDPBCGR 2.2.5.1.1 as an open code type. */
class ErrorInfoTest {
  @Test
  void everyRowHasAUniqueValueAndAUniqueSpecName() {
    Set<Integer> values = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (ErrorInfo e : ErrorInfo.known()) {
      assertTrue(values.add(e.value()), "value repeated: " + e);
      assertTrue(names.add(e.name()), "name repeated: " + e.name());
      assertTrue(e.name().matches("(TS_)?ERRINFO_[A-Z0-9_]+"), e.name());
      assertTrue(e.isKnown());
      assertFalse(e.meaning().isBlank(), e.name());
    }
    // MS-RDPBCGR 2.2.5.1.1: 20 protocol-independent, 11 licensing, 11 broker, 78 RDP-specific,
    // and the two codes that are not the specification's (0x8 and 0x1196)
    assertEquals(122, ErrorInfo.known().size());
    assertEquals(120, ErrorInfo.known().stream().filter(ErrorInfo::isSpecified).count());
  }

  @Test
  void theTwoCodesOutsideTheSpecificationAreNamedButNotSpecified() {
    assertEquals("TS_ERRINFO_SERVER_DENIED_CONNECTION_FIPS", new ErrorInfo(0x8).name());
    assertEquals(ErrorInfo.SERVER_DENIED_CONNECTION_FIPS, new ErrorInfo(0x8));
    assertEquals(ErrorInfo.Category.ADMINISTRATIVE, new ErrorInfo(0x8).category());
    assertFalse(new ErrorInfo(0x8).isSpecified());
    assertTrue(new ErrorInfo(0x8).isKnown());
    assertEquals("ERRINFO_PEER_DISCONNECTED", ErrorInfo.PEER_DISCONNECTED.name());
    assertFalse(ErrorInfo.PEER_DISCONNECTED.isSpecified());
    assertTrue(ErrorInfo.PEER_DISCONNECTED.meaning().contains("FreeRDP"));
    assertTrue(ErrorInfo.SERVER_DENIED_CONNECTION.isSpecified());
  }

  @Test
  void lookupsByValueGiveTheSpecNames() {
    assertEquals("ERRINFO_SERVER_DENIED_CONNECTION", new ErrorInfo(0x7).name());
    assertEquals(ErrorInfo.SERVER_DENIED_CONNECTION, new ErrorInfo(7));
    assertEquals("ERRINFO_SERVER_SHUTDOWN", new ErrorInfo(0x19).name());
    assertEquals("ERRINFO_SERVER_REBOOT", new ErrorInfo(0x1A).name());
    assertEquals("ERRINFO_LICENSE_NO_LICENSE_SERVER", new ErrorInfo(0x101).name());
    assertEquals("ERRINFO_CB_SESSION_ONLINE_VM_SESSMON_FAILED", new ErrorInfo(0x412).name());
    assertEquals("ERRINFO_UNKNOWNPDUTYPE2", new ErrorInfo(0x10C9).name());
    assertEquals("ERRINFO_SECURITYDATATOOSHORT17", new ErrorInfo(0x1120).name());
    assertEquals("ERRINFO_ENCPKGMISMATCH", ErrorInfo.ENCRYPTION_PACKAGE_MISMATCH.name());
    assertEquals("ERRINFO_DECRYPTFAILED2", new ErrorInfo(0x1195).name());
    assertEquals(
        "ERRINFO_SERVER_DENIED_CONNECTION (0x07)", ErrorInfo.SERVER_DENIED_CONNECTION.toString());
  }

  @Test
  void categoriesFollowTheTableAndTheRanges() {
    assertEquals(ErrorInfo.Category.NONE, ErrorInfo.NONE.category());
    assertEquals(ErrorInfo.Category.ADMINISTRATIVE, ErrorInfo.IDLE_TIMEOUT.category());
    assertEquals(ErrorInfo.Category.USER_ACTION, ErrorInfo.LOGOFF_BY_USER.category());
    assertEquals(ErrorInfo.Category.SERVER_FAILURE, new ErrorInfo(0x10).category());
    assertEquals(ErrorInfo.Category.SERVER_FAILURE, new ErrorInfo(0x112F).category());
    assertEquals(ErrorInfo.Category.LICENSING, ErrorInfo.LICENSE_NO_LICENSE.category());
    assertEquals(ErrorInfo.Category.CONNECTION_BROKER, new ErrorInfo(0x400).category());
    assertEquals(ErrorInfo.Category.PROTOCOL_ERROR, new ErrorInfo(0x10EA).category());
    // unknown codes are sorted by their range
    assertEquals(ErrorInfo.Category.LICENSING, new ErrorInfo(0x10B).category());
    assertEquals(ErrorInfo.Category.CONNECTION_BROKER, new ErrorInfo(0x401).category());
    assertEquals(ErrorInfo.Category.PROTOCOL_ERROR, new ErrorInfo(0x1700).category());
    assertEquals(ErrorInfo.Category.UNKNOWN, new ErrorInfo(0xD).category());
  }

  @Test
  void unknownCodesAreKeptAndNamedUnknown() {
    ErrorInfo gap = new ErrorInfo(0xD); // a gap in the protocol-independent codes
    assertFalse(gap.isKnown());
    assertFalse(gap.isSpecified());
    assertEquals("unknown (0x0d)", gap.name());
    assertEquals("unknown (0x1197)", new ErrorInfo(0x1197).name());
    assertEquals("unknown (0xffffffff)", new ErrorInfo(-1).name());
    assertEquals("unknown (0x1700)", new ErrorInfo(0x1700).toString());
    assertTrue(new ErrorInfo(0x1700).meaning().contains("protocol error"));
    assertEquals(0x1197, new ErrorInfo(0x1197).value());
  }
}
