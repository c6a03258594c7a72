package dev.rdpprobe.wire.mcs;

import io.netty.buffer.ByteBuf;

/**
 * T.125 DomainParameters: a BER SEQUENCE of eight INTEGERs, three of them in the Connect-Initial
 * (target, minimum, maximum) and one in the Connect-Response. Values are read as unsigned, as
 * Windows and FreeRDP read them.
 *
 * @param maxChannelIds maxChannelIds
 * @param maxUserIds maxUserIds
 * @param maxTokenIds maxTokenIds
 * @param numPriorities numPriorities
 * @param minThroughput minThroughput
 * @param maxHeight maxHeight
 * @param maxMcsPduSize maxMCSPDUsize
 * @param protocolVersion protocolVersion (2 in RDP)
 */
public record DomainParameters(
    int maxChannelIds,
    int maxUserIds,
    int maxTokenIds,
    int numPriorities,
    int minThroughput,
    int maxHeight,
    int maxMcsPduSize,
    int protocolVersion) {

  /** The targetParameters FreeRDP, nmap and mstsc send. */
  public static final DomainParameters CLIENT_TARGET =
      new DomainParameters(34, 2, 0, 1, 0, 1, 0xFFFF, 2);

  /** The minimumParameters FreeRDP, nmap and mstsc send. */
  public static final DomainParameters CLIENT_MINIMUM =
      new DomainParameters(1, 1, 1, 1, 0, 1, 0x420, 2);

  /** The maximumParameters FreeRDP, nmap and mstsc send. */
  public static final DomainParameters CLIENT_MAXIMUM =
      new DomainParameters(0xFFFF, 0xFC17, 0xFFFF, 1, 0, 1, 0xFFFF, 2);

  /** The domainParameters Windows servers answer with (MS-RDPBCGR 4.1.4). */
  public static final DomainParameters SERVER_WINDOWS =
      new DomainParameters(34, 3, 0, 1, 0, 1, 0xFFF8, 2);

  public DomainParameters {
    if ((maxChannelIds
            | maxUserIds
            | maxTokenIds
            | numPriorities
            | minThroughput
            | maxHeight
            | maxMcsPduSize
            | protocolVersion)
        < 0) {
      throw new IllegalArgumentException("negative domain parameter");
    }
  }

  /** The eight values in SEQUENCE order. */
  int[] values() {
    return new int[] {
      maxChannelIds,
      maxUserIds,
      maxTokenIds,
      numPriorities,
      minThroughput,
      maxHeight,
      maxMcsPduSize,
      protocolVersion
    };
  }

  /** Whether any value is written differently in the two INTEGER styles. */
  boolean dependsOnIntegerStyle() {
    for (int v : values()) {
      if (Ber.integerDependsOnStyle(v)) {
        return true;
      }
    }
    return false;
  }

  /** The SEQUENCE content length in this style. */
  int contentLength(BerStyle style) {
    return Ber.integerSize(maxChannelIds, style)
        + Ber.integerSize(maxUserIds, style)
        + Ber.integerSize(maxTokenIds, style)
        + Ber.integerSize(numPriorities, style)
        + Ber.integerSize(minThroughput, style)
        + Ber.integerSize(maxHeight, style)
        + Ber.integerSize(maxMcsPduSize, style)
        + Ber.integerSize(protocolVersion, style);
  }

  /** The whole SEQUENCE's size in this style. */
  int size(BerStyle style) {
    return Ber.tlvSize(Ber.TAG_SEQUENCE, contentLength(style), style);
  }

  /** Writes the SEQUENCE in this style. */
  void encode(ByteBuf out, BerStyle style) {
    out.writeByte(Ber.TAG_SEQUENCE);
    Ber.writeLength(out, contentLength(style), style);
    for (int v : values()) {
      Ber.writeInteger(out, Ber.TAG_INTEGER, v, style);
    }
  }

  private static final String[] FIELDS = {
    "maxChannelIds",
    "maxUserIds",
    "maxTokenIds",
    "numPriorities",
    "minThroughput",
    "maxHeight",
    "maxMCSPDUsize",
    "protocolVersion"
  };

  /** The error names of the INTEGERs in the SEQUENCEs T.125 has, built once. */
  private static final java.util.Map<String, String[]> NAMES =
      java.util.Map.of(
          "targetParameters", names("targetParameters"),
          "minimumParameters", names("minimumParameters"),
          "maximumParameters", names("maximumParameters"),
          "domainParameters", names("domainParameters"));

  private static String[] names(String sequence) {
    String[] out = new String[FIELDS.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = sequence + "." + FIELDS[i];
    }
    return out;
  }

  /** Reads the SEQUENCE called {@code field}. */
  static DomainParameters decode(Ber.Reader reader, String field) {
    reader.enter(Ber.TAG_SEQUENCE, field, dev.rdpprobe.wire.DecodeException.Kind.INVALID_FIELD);
    String[] n = NAMES.get(field);
    if (n == null) {
      n = names(field);
    }
    DomainParameters p =
        new DomainParameters(
            reader.readInteger(Ber.TAG_INTEGER, n[0]),
            reader.readInteger(Ber.TAG_INTEGER, n[1]),
            reader.readInteger(Ber.TAG_INTEGER, n[2]),
            reader.readInteger(Ber.TAG_INTEGER, n[3]),
            reader.readInteger(Ber.TAG_INTEGER, n[4]),
            reader.readInteger(Ber.TAG_INTEGER, n[5]),
            reader.readInteger(Ber.TAG_INTEGER, n[6]),
            reader.readInteger(Ber.TAG_INTEGER, n[7]));
    reader.leave(field);
    return p;
  }

  @Override
  public String toString() {
    return "DomainParameters[maxChannelIds="
        + maxChannelIds
        + ", maxUserIds="
        + maxUserIds
        + ", maxTokenIds="
        + maxTokenIds
        + ", numPriorities="
        + numPriorities
        + ", minThroughput="
        + minThroughput
        + ", maxHeight="
        + maxHeight
        + ", maxMCSPDUsize="
        + maxMcsPduSize
        + ", protocolVersion="
        + protocolVersion
        + "]";
  }
}
