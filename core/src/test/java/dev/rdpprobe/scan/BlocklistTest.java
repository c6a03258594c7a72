package dev.rdpprobe.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class BlocklistTest {
  private static Blocklist parse(String text) throws Exception {
    return Blocklist.parse(new StringReader(text), "block.txt");
  }

  private static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByAddress(Blocklist.literal(literal));
  }

  @Test
  void addressesAndRangesOfBothFamiliesWithComments() throws Exception {
    Blocklist b =
        parse(
            """
            # reserved ranges
            10.0.0.0/8        # private
            192.0.2.7
            192.0.2.8/31
            0.0.0.0/32

            2001:db8::/32
            fe80::1
            ::ffff:198.51.100.0/120
            """);
    assertEquals(7, b.entries());
    assertTrue(b.blocks(ip("10.0.0.0")));
    assertTrue(b.blocks(ip("10.255.255.255")));
    assertFalse(b.blocks(ip("11.0.0.0")));
    assertFalse(b.blocks(ip("9.255.255.255")));
    assertTrue(b.blocks(ip("192.0.2.7")));
    assertTrue(b.blocks(ip("192.0.2.8")));
    assertTrue(b.blocks(ip("192.0.2.9")));
    assertFalse(b.blocks(ip("192.0.2.6")));
    assertFalse(b.blocks(ip("192.0.2.10")));
    assertTrue(b.blocks(ip("0.0.0.0")));
    assertTrue(b.blocks(ip("2001:db8:ffff::1")));
    assertFalse(b.blocks(ip("2001:db9::")));
    assertTrue(b.blocks(ip("fe80::1")));
    assertFalse(b.blocks(ip("fe80::2")));
    assertTrue(b.blocks(ip("198.51.100.200")), "an IPv4-mapped range blocks its IPv4 addresses");
    assertFalse(b.blocks(ip("198.51.101.1")));
    assertFalse(b.blocks(ip("::a00:1")), "10.0.0.1's bits as IPv6 are another address");
  }

  @Test
  void wholeSpacesAndOverlappingAndAdjacentRangesMerge() throws Exception {
    Blocklist b = parse("0.0.0.0/0\n::/0\n");
    assertTrue(b.blocks(ip("255.255.255.255")));
    assertTrue(b.blocks(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
    Blocklist m = parse("10.0.0.0/9\n10.128.0.0/9\n10.1.0.0/16\n127.0.0.1\n127.0.0.2\n");
    for (String a : new String[] {"10.0.0.0", "10.127.255.255", "10.128.0.0", "10.255.255.255"}) {
      assertTrue(m.blocks(ip(a)), a);
    }
    assertTrue(m.blocks(ip("127.0.0.2")));
    assertFalse(m.blocks(ip("127.0.0.3")));
    assertFalse(Blocklist.EMPTY.blocks(ip("127.0.0.1")));
  }

  @Test
  void aBadLineIsATypedErrorWithItsLineNumber() {
    String[][] cases = {
      {"10.0.0.0/8\nexample.com\n", "2", "'example.com' is not an IPv4 or IPv6 address"},
      {"# c\n\n10.0.0.0/33\n", "3", "prefix length '33' is not 0 to 32"},
      {"2001:db8::/129", "1", "prefix length '129' is not 0 to 128"},
      {"1.2.3.4/x", "1", "prefix length 'x' is not 0 to 32"},
      {"1.2.3.4/+8", "1", "prefix length '+8' is not 0 to 32"},
      {"1.2.3.4/", "1", "prefix length '' is not 0 to 32"},
      {"10.0.0.1/8", "1", "'10.0.0.1/8' has host bits set beyond its /8 prefix"},
      {"1.2.3.4\n256.1.1.1", "2", "'256.1.1.1' is not an IPv4 or IPv6 address"},
      {"::ffff:1.2.3.4/64", "1", "'::ffff:1.2.3.4/64' reaches beyond the IPv4-mapped addresses"},
      {"1.2.3.4\n\n" + "9".repeat(2000), "3", "longer than 1024 characters"},
    };
    for (String[] c : cases) {
      BlocklistException e = assertThrows(BlocklistException.class, () -> parse(c[0]), c[0]);
      assertEquals("block.txt", e.source());
      assertEquals(Long.parseLong(c[1]), e.line(), c[0]);
      assertEquals(c[2], e.reason());
      assertEquals("block.txt, line " + c[1] + ": " + c[2], e.getMessage());
    }
  }
}
