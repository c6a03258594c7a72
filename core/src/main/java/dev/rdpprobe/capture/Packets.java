package dev.rdpprobe.capture;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Takes the TCP segment out of a captured packet: the link-layer header of its link type, VLAN tags
 * (IEEE 802.1Q, 802.1ad QinQ), IPv4 (RFC 791) or IPv6 (RFC 8200, extension headers skipped), then
 * TCP (RFC 9293). A packet that is not TCP over IP gives {@code null}; one whose headers do not fit
 * gives a {@link CaptureException} naming it.
 */
public final class Packets {
  private Packets() {}

  /** LINKTYPE_ values of the pcap and pcapng link-type registry. */
  public static final int LINKTYPE_NULL = 0;

  public static final int LINKTYPE_ETHERNET = 1;
  public static final int LINKTYPE_RAW_OPENBSD = 12;
  public static final int LINKTYPE_RAW_BSDOS = 14;
  public static final int LINKTYPE_RAW = 101;
  public static final int LINKTYPE_LOOP = 108;
  public static final int LINKTYPE_LINUX_SLL = 113;
  public static final int LINKTYPE_IPV4 = 228;
  public static final int LINKTYPE_IPV6 = 229;
  public static final int LINKTYPE_LINUX_SLL2 = 276;

  private static final int ETHERTYPE_IPV4 = 0x0800;
  private static final int ETHERTYPE_IPV6 = 0x86DD;
  private static final int ETHERTYPE_VLAN = 0x8100;
  private static final int ETHERTYPE_QINQ = 0x88A8;
  private static final int ETHERTYPE_QINQ_OLD = 0x9100;
  private static final int PROTO_TCP = 6;

  /** VLAN tags followed at most (two for QinQ, a few more for stacked providers). */
  private static final int MAX_VLAN_TAGS = 8;

  /** IPv6 extension headers followed at most. */
  private static final int MAX_EXTENSION_HEADERS = 16;

  /** Whether the reader knows the link type. */
  public static boolean isKnownLinkType(int linkType) {
    return switch (linkType) {
      case LINKTYPE_NULL,
          LINKTYPE_ETHERNET,
          LINKTYPE_RAW_OPENBSD,
          LINKTYPE_RAW_BSDOS,
          LINKTYPE_RAW,
          LINKTYPE_LOOP,
          LINKTYPE_LINUX_SLL,
          LINKTYPE_IPV4,
          LINKTYPE_IPV6,
          LINKTYPE_LINUX_SLL2 ->
          true;
      default -> false;
    };
  }

  /**
   * The TCP segment of {@code p}, or {@code null} when it carries none (another protocol, an IP
   * fragment, an unknown link type).
   *
   * @throws CaptureException when a header is cut short or inconsistent
   */
  public static TcpSegment tcp(CapturedPacket p) throws CaptureException {
    byte[] d = p.data();
    int n = d.length;
    int ipAt;
    switch (p.linkType()) {
      case LINKTYPE_ETHERNET -> {
        need(p, 14, "Ethernet header");
        int type = u16(d, 12);
        int at = 14;
        int tags = 0;
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
          if (++tags > MAX_VLAN_TAGS) {
            return null;
          }
          need(p, at + 4, "VLAN tag");
          type = u16(d, at + 2);
          at += 4;
        }
        if (type != ETHERTYPE_IPV4 && type != ETHERTYPE_IPV6) {
          return null;
        }
        ipAt = at;
      }
      case LINKTYPE_RAW, LINKTYPE_RAW_OPENBSD, LINKTYPE_RAW_BSDOS, LINKTYPE_IPV4, LINKTYPE_IPV6 ->
          ipAt = 0;
      case LINKTYPE_LINUX_SLL -> {
        need(p, 16, "Linux cooked header");
        int type = u16(d, 14);
        if (type != ETHERTYPE_IPV4 && type != ETHERTYPE_IPV6) {
          return null;
        }
        ipAt = 16;
      }
      case LINKTYPE_LINUX_SLL2 -> {
        need(p, 20, "Linux cooked v2 header");
        int type = u16(d, 0);
        if (type != ETHERTYPE_IPV4 && type != ETHERTYPE_IPV6) {
          return null;
        }
        ipAt = 20;
      }
      case LINKTYPE_NULL, LINKTYPE_LOOP -> {
        need(p, 4, "loopback header");
        // the address family: host byte order for NULL, network order for LOOP; AF_INET is 2
        // everywhere, AF_INET6 24, 28 or 30 depending on the BSD
        int be = u16(d, 0) << 16 | u16(d, 2);
        int family =
            p.linkType() == LINKTYPE_LOOP || (be & 0xFFFF) != 0 ? be : Integer.reverseBytes(be);
        if (family != 2 && family != 24 && family != 28 && family != 30) {
          return null;
        }
        ipAt = 4;
      }
      default -> {
        return null;
      }
    }
    if (n <= ipAt) {
      throw invalid(p, "the packet ends before its IP header");
    }
    int version = (d[ipAt] & 0xFF) >> 4;
    if (version == 4) {
      return ipv4(p, ipAt);
    }
    if (version == 6) {
      return ipv6(p, ipAt);
    }
    return null;
  }

  private static TcpSegment ipv4(CapturedPacket p, int at) throws CaptureException {
    byte[] d = p.data();
    need(p, at + 20, "IPv4 header");
    int ihl = (d[at] & 0x0F) * 4;
    if (ihl < 20) {
      throw invalid(p, "an IPv4 header length of " + ihl + " bytes (at least 20)");
    }
    need(p, at + ihl, "IPv4 header with options");
    int total = u16(d, at + 2);
    if (total < ihl) {
      throw invalid(p, "an IPv4 total length of " + total + " below its header's " + ihl);
    }
    int fragment = u16(d, at + 6);
    if ((fragment & 0x3FFF) != 0) {
      return null; // a fragment: IP reassembly is not done, TCP over RDP does not fragment here
    }
    if ((d[at + 9] & 0xFF) != PROTO_TCP) {
      return null;
    }
    byte[] src = Arrays.copyOfRange(d, at + 12, at + 16);
    byte[] dst = Arrays.copyOfRange(d, at + 16, at + 20);
    // a total length of 0 is TCP segmentation offload on the capturing host: the packet is whole
    int end = total == 0 ? p.originalLength() : at + total;
    return tcpHeader(p, at + ihl, end, src, dst);
  }

  private static TcpSegment ipv6(CapturedPacket p, int at) throws CaptureException {
    byte[] d = p.data();
    need(p, at + 40, "IPv6 header");
    int payload = u16(d, at + 4);
    int next = d[at + 6] & 0xFF;
    byte[] src = Arrays.copyOfRange(d, at + 8, at + 24);
    byte[] dst = Arrays.copyOfRange(d, at + 24, at + 40);
    int end = payload == 0 ? p.originalLength() : at + 40 + payload; // 0: a jumbogram or TSO
    int h = at + 40;
    for (int k = 0; next != PROTO_TCP; k++) {
      if (k == MAX_EXTENSION_HEADERS) {
        return null;
      }
      switch (next) {
        case 0, 43, 60, 135, 139, 140 -> { // hop-by-hop, routing, destination, mobility, HIP, shim6
          need(p, h + 2, "IPv6 extension header");
          next = d[h] & 0xFF;
          h += ((d[h + 1] & 0xFF) + 1) * 8;
        }
        case 51 -> { // authentication header: its length is in 4-octet units, minus 2
          need(p, h + 2, "IPv6 authentication header");
          next = d[h] & 0xFF;
          h += ((d[h + 1] & 0xFF) + 2) * 4;
        }
        case 44 -> { // fragment header: a fragment is not reassembled
          need(p, h + 8, "IPv6 fragment header");
          if ((u16(d, h + 2) & 0xFFF9) != 0) {
            return null;
          }
          next = d[h] & 0xFF;
          h += 8;
        }
        default -> {
          return null; // no next header, ESP, or not TCP
        }
      }
    }
    return tcpHeader(p, h, end, src, dst);
  }

  private static TcpSegment tcpHeader(CapturedPacket p, int at, int ipEnd, byte[] src, byte[] dst)
      throws CaptureException {
    byte[] d = p.data();
    need(p, at + 20, "TCP header");
    int offset = ((d[at + 12] & 0xFF) >> 4) * 4;
    if (offset < 20) {
      throw invalid(p, "a TCP data offset of " + offset + " bytes (at least 20)");
    }
    need(p, at + offset, "TCP header with options");
    // the IP length is what went on the wire; Ethernet padding after it is not payload
    int onWire = Math.max(0, Math.min(ipEnd, p.originalLength()) - (at + offset));
    int captured =
        Math.max(0, Math.min(Math.min(ipEnd, d.length), at + offset + onWire) - (at + offset));
    byte[] payload = Arrays.copyOfRange(d, at + offset, at + offset + captured);
    return new TcpSegment(
        p.number(),
        p.epochNanos(),
        new TcpSegment.Endpoint(src, u16(d, at)),
        new TcpSegment.Endpoint(dst, u16(d, at + 2)),
        u32(d, at + 4),
        u32(d, at + 8),
        d[at + 13] & 0xFF,
        payload,
        Math.max(onWire, captured));
  }

  private static void need(CapturedPacket p, int n, String what) throws CaptureException {
    if (p.data().length < n) {
      throw invalid(
          p,
          "the packet's "
              + p.data().length
              + " captured bytes end inside its "
              + what
              + (p.isCut() ? " (the snapshot length cut it)" : ""));
    }
  }

  private static CaptureException invalid(CapturedPacket p, String what) {
    return new CaptureException(
        CaptureException.Kind.INVALID_FIELD, what, p.fileOffset(), p.number());
  }

  private static int u16(byte[] d, int at) {
    return (d[at] & 0xFF) << 8 | (d[at + 1] & 0xFF);
  }

  private static long u32(byte[] d, int at) {
    return ((long) u16(d, at) << 16) | u16(d, at + 2);
  }

  /** Dotted IPv4. */
  static String ipv4(byte[] a) {
    return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
  }

  /** IPv6 in its compressed text form, without a scope. */
  static String ipv6(byte[] a) {
    try {
      String s = ((Inet6Address) InetAddress.getByAddress(a)).getHostAddress();
      int scope = s.indexOf('%');
      return compress(scope < 0 ? s : s.substring(0, scope));
    } catch (UnknownHostException | ClassCastException e) {
      return "invalid IPv6 address";
    }
  }

  /** RFC 5952 form: the longest run of two or more zero groups as {@code ::}. */
  private static String compress(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < groups.length; ) {
      if (groups[i].equals("0")) {
        int j = i;
        while (j < groups.length && groups[j].equals("0")) {
          j++;
        }
        if (j - i > bestLen && j - i >= 2) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return full;
    }
    String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
    return head + "::" + tail;
  }
}
