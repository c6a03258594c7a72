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
    for (int v :
        new int[] {
          maxChannelIds,
          maxUserIds,
          maxTokenIds,
          numPriorities,
          minThroughput,
          maxHeight,
          maxMcsPduSize,
          protocolVersion
        }) {
      if (v < 0) {
        throw new IllegalArgumentException("negative domain parameter: " + v);
      }
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
    int n = 0;
    for (int v : values()) {
      n += Ber.integerSize(v, style);
    }
    return n;
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

  /** Reads the SEQUENCE called {@code field}. */
  static DomainParameters decode(Ber.Reader reader, String field) {
    reader.enter(Ber.TAG_SEQUENCE, field, dev.rdpprobe.wire.DecodeException.Kind.INVALID_FIELD);
    DomainParameters p =
        new DomainParameters(
            reader.readInteger(Ber.TAG_INTEGER, field + ".maxChannelIds"),
            reader.readInteger(Ber.TAG_INTEGER, field + ".maxUserIds"),
            reader.readInteger(Ber.TAG_INTEGER, field + ".maxTokenIds"),
            reader.readInteger(Ber.TAG_INTEGER, field + ".numPriorities"),
            reader.readInteger(Ber.TAG_INTEGER, field + ".minThroughput"),
            reader.readInteger(Ber.TAG_INTEGER, field + ".maxHeight"),
            reader.readInteger(Ber.TAG_INTEGER, field + ".maxMCSPDUsize"),
            reader.readInteger(Ber.TAG_INTEGER, field + ".protocolVersion"));
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
