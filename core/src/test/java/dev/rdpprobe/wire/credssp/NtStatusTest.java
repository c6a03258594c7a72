package dev.rdpprobe.wire.credssp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The NTSTATUS table. */
class NtStatusTest {

  /** The statuses the CredSSP issue names, with the values of MS-ERREF 2.3.1. */
  static final Map<Integer, String> REQUIRED =
      Map.ofEntries(
          Map.entry(0xC000006D, "STATUS_LOGON_FAILURE"),
          Map.entry(0xC000006A, "STATUS_WRONG_PASSWORD"),
          Map.entry(0xC0000071, "STATUS_PASSWORD_EXPIRED"),
          Map.entry(0xC0000224, "STATUS_PASSWORD_MUST_CHANGE"),
          Map.entry(0xC0000022, "STATUS_ACCESS_DENIED"),
          Map.entry(0xC0000072, "STATUS_ACCOUNT_DISABLED"),
          Map.entry(0xC000006E, "STATUS_ACCOUNT_RESTRICTION"),
          Map.entry(0xC0000234, "STATUS_ACCOUNT_LOCKED_OUT"),
          Map.entry(0xC0000193, "STATUS_ACCOUNT_EXPIRED"),
          Map.entry(0xC000015B, "STATUS_LOGON_TYPE_NOT_GRANTED"),
          Map.entry(0xC0000064, "STATUS_NO_SUCH_USER"),
          Map.entry(0xC000006F, "STATUS_INVALID_LOGON_HOURS"),
          Map.entry(0xC0000070, "STATUS_INVALID_WORKSTATION"),
          Map.entry(0xC0000133, "STATUS_TIME_DIFFERENCE_AT_DC"));

  @Test
  void everyRequiredStatusIsNamed() {
    REQUIRED.forEach(
        (value, name) -> {
          NtStatus s = new NtStatus(value);
          assertTrue(s.isKnown(), name);
          assertEquals(name, s.name());
          assertTrue(s.isError(), name);
          assertEquals(name + " (0x" + Integer.toHexString(value) + ")", s.toString(), "toString");
        });
  }

  @Test
  void namesAndValuesAreUnique() {
    Set<String> names = new HashSet<>();
    for (NtStatus s : NtStatus.known()) {
      assertTrue(names.add(s.name()), "duplicate " + s.name());
      assertTrue(s.name().startsWith("STATUS_"), s.name());
      assertFalse(s.meaning().isEmpty());
    }
    assertTrue(NtStatus.known().size() >= REQUIRED.size() + 10);
  }

  @Test
  void unknownStatusesAreKeptAndNamed() {
    NtStatus s = new NtStatus(0xC0001234);
    assertFalse(s.isKnown());
    assertEquals("unknown (0xc0001234)", s.toString());
    assertEquals(3, s.severity());
    assertEquals("an error status the table does not name", s.meaning());
    assertEquals(0, NtStatus.SUCCESS.severity());
    assertFalse(NtStatus.SUCCESS.isError());
    assertEquals(2, new NtStatus(0x80000005).severity());
    assertEquals("unknown (0x8009030c)", new NtStatus(0x8009030C).name());
  }
}
