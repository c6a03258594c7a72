package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.NamedBits;

/**
 * AvId (MS-NLMP 2.2.2.1): the type of an AV_PAIR. An open set: ids the specification does not
 * define are kept and named {@code unknown (0x..)} (ARCHITECTURE.md, Rules: unknown values
 * survive).
 *
 * @param value the 16-bit id as sent
 */
public record AvId(int value) {
  /** MsvAvEOL: the end of the list. */
  public static final AvId MSV_AV_EOL = new AvId(0x0000);

  /** MsvAvNbComputerName: the server's NetBIOS computer name (UTF-16LE). */
  public static final AvId MSV_AV_NB_COMPUTER_NAME = new AvId(0x0001);

  /** MsvAvNbDomainName: the server's NetBIOS domain name (UTF-16LE). */
  public static final AvId MSV_AV_NB_DOMAIN_NAME = new AvId(0x0002);

  /** MsvAvDnsComputerName: the server's fully qualified domain name (UTF-16LE). */
  public static final AvId MSV_AV_DNS_COMPUTER_NAME = new AvId(0x0003);

  /** MsvAvDnsDomainName: the server's DNS domain name (UTF-16LE). */
  public static final AvId MSV_AV_DNS_DOMAIN_NAME = new AvId(0x0004);

  /** MsvAvDnsTreeName: the server's forest name (UTF-16LE). */
  public static final AvId MSV_AV_DNS_TREE_NAME = new AvId(0x0005);

  /** MsvAvFlags: a 32-bit set of {@link AvFlags}. */
  public static final AvId MSV_AV_FLAGS = new AvId(0x0006);

  /** MsvAvTimestamp: a FILETIME, the server's time. */
  public static final AvId MSV_AV_TIMESTAMP = new AvId(0x0007);

  /** MsvAvSingleHost: a Single_Host_Data structure. */
  public static final AvId MSV_AV_SINGLE_HOST = new AvId(0x0008);

  /** MsvAvTargetName: the SPN of the target server (UTF-16LE), e.g. {@code TERMSRV/host}. */
  public static final AvId MSV_AV_TARGET_NAME = new AvId(0x0009);

  /** MsvAvChannelBindings: the MD5 of gss_channel_bindings_struct, 16 octets. */
  public static final AvId MSV_AV_CHANNEL_BINDINGS = new AvId(0x000A);

  private static final NamedBits NAMES =
      NamedBits.of(
          0x0000, "MsvAvEOL",
          0x0001, "MsvAvNbComputerName",
          0x0002, "MsvAvNbDomainName",
          0x0003, "MsvAvDnsComputerName",
          0x0004, "MsvAvDnsDomainName",
          0x0005, "MsvAvDnsTreeName",
          0x0006, "MsvAvFlags",
          0x0007, "MsvAvTimestamp",
          0x0008, "MsvAvSingleHost",
          0x0009, "MsvAvTargetName",
          0x000A, "MsvAvChannelBindings");

  public AvId {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("AvId out of range: " + value);
    }
  }

  /** Whether the value of this id is a UTF-16LE name (ids 1 to 5 and 9). */
  public boolean isName() {
    return (value >= 1 && value <= 5) || value == 9;
  }

  /** Whether the specification defines this id. */
  public boolean isKnown() {
    return NAMES.knowsCode(value);
  }

  /** The specification name, e.g. {@code MsvAvDnsComputerName}, or {@code unknown (0x..)}. */
  public String name() {
    return NAMES.code(value);
  }

  @Override
  public String toString() {
    return name();
  }
}
