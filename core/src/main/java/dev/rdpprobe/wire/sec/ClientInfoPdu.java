package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Client Info PDU (MS-RDPBCGR 2.2.1.11): the Basic Security Header with SEC_INFO_PKT and the Info
 * Packet, the user data of an MCS Send Data Request on the I/O channel.
 *
 * <p>This is the PDU as sent under TLS or CredSSP, or with Standard RDP Security at encryption
 * level NONE: in the clear. With SEC_ENCRYPT the header is longer and the Info Packet is RC4
 * ciphertext, which this record does not decode.
 *
 * @param securityHeader securityHeader (SEC_INFO_PKT set)
 * @param infoPacket infoPacket
 */
public record ClientInfoPdu(BasicSecurityHeader securityHeader, InfoPacket infoPacket)
    implements Pdu {
  public static final String NAME = "Client Info PDU";

  /** The clientDir FreeRDP and mstsc send. */
  public static final String CLIENT_DIR = "C:\\Windows\\System32\\mstscax.dll";

  /** The flags of {@link #withoutCredentials}. */
  public static final int PROBE_FLAGS =
      InfoFlags.INFO_MOUSE
          | InfoFlags.INFO_DISABLECTRLALTDEL
          | InfoFlags.INFO_UNICODE
          | InfoFlags.INFO_MAXIMIZESHELL
          | InfoFlags.INFO_LOGONNOTIFY
          | InfoFlags.INFO_ENABLEWINDOWSKEY
          | InfoFlags.INFO_LOGONERRORS
          | InfoFlags.INFO_MOUSE_HAS_WHEEL;

  /** The performanceFlags of {@link #withoutCredentials}: no wallpaper, drag, animations. */
  public static final int PROBE_PERFORMANCE_FLAGS =
      PerformanceFlags.PERF_DISABLE_WALLPAPER
          | PerformanceFlags.PERF_DISABLE_FULLWINDOWDRAG
          | PerformanceFlags.PERF_DISABLE_MENUANIMATIONS;

  public ClientInfoPdu {
    Objects.requireNonNull(securityHeader, "securityHeader");
    Objects.requireNonNull(infoPacket, "infoPacket");
    securityHeader.requirePlain(SecurityFlags.SEC_INFO_PKT, "SEC_INFO_PKT");
  }

  /** The PDU with flags SEC_INFO_PKT only. */
  public static ClientInfoPdu of(InfoPacket infoPacket) {
    return new ClientInfoPdu(BasicSecurityHeader.of(SecurityFlags.SEC_INFO_PKT), infoPacket);
  }

  /**
   * The probe's Client Info: no credentials at all (empty domain, user name and password, no
   * INFO_AUTOLOGON), so that a server that lets the connection reach the logon screen shows it
   * without anyone logging on. UTF-16 strings, {@link #PROBE_FLAGS} (INFO_LOGONERRORS and
   * INFO_LOGONNOTIFY ask the server to report logon errors and the logon), the time zone all zero
   * (UTC without names), session 0, {@link #PROBE_PERFORMANCE_FLAGS}, an empty auto-reconnect
   * cookie.
   *
   * @param family the address family of {@code clientAddress}
   * @param clientAddress the client's address as text, at most 39 characters
   */
  public static ClientInfoPdu withoutCredentials(AddressFamily family, String clientAddress) {
    ExtendedInfoPacket extra =
        ExtendedInfoPacket.of(
            family,
            clientAddress,
            CLIENT_DIR,
            Octets.of(new byte[ExtendedInfoPacket.TIME_ZONE_SIZE]),
            new PerformanceFlags(PROBE_PERFORMANCE_FLAGS));
    return of(new InfoPacket(0, new InfoFlags(PROBE_FLAGS), "", "", "", "", "", extra));
  }

  /** Reads the PDU: the whole user data of the Send Data Request. */
  public static ClientInfoPdu decode(ByteBuf in) {
    BasicSecurityHeader header =
        BasicSecurityHeader.decodeFor(in, SecurityFlags.SEC_INFO_PKT, "SEC_INFO_PKT (0x40)", NAME);
    return new ClientInfoPdu(header, InfoPacket.decode(in));
  }

  /**
   * This PDU with what logs a user on left out: domain, user name and password empty, the
   * auto-reconnect cookie (which stands for the password on a reconnection) empty when present; the
   * flags, shell, directory, address, time zone and performance flags as they were. What a capture
   * may keep of a client's Client Info, and what a replay may send again.
   */
  public ClientInfoPdu withoutSecrets() {
    InfoPacket p = infoPacket;
    ExtendedInfoPacket x = p.extraInfo();
    if (x != null && x.autoReconnectCookie() != null) {
      x =
          new ExtendedInfoPacket(
              x.clientAddressFamily(),
              x.clientAddress(),
              x.clientDir(),
              x.clientTimeZone(),
              x.clientSessionId(),
              x.performanceFlags(),
              Octets.EMPTY,
              x.reserved1(),
              x.reserved2(),
              x.dynamicDstTimeZoneKeyName(),
              x.dynamicDaylightTimeDisabled(),
              x.extra());
    }
    return new ClientInfoPdu(
        securityHeader,
        new InfoPacket(p.codePage(), p.flags(), "", "", "", p.alternateShell(), p.workingDir(), x));
  }

  /**
   * The MCS Send Data Request that carries this PDU from {@code initiator} on {@code channelId}.
   */
  public SendDataRequest toSendDataRequest(int initiator, int channelId) {
    return SendDataRequest.of(initiator, channelId, Octets.encode(this));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return BasicSecurityHeader.FIXED_PART_SIZE + infoPacket.size();
  }

  @Override
  public void encode(ByteBuf out) {
    securityHeader.encode(out);
    infoPacket.encode(out);
  }

  @Override
  public String summary() {
    return infoPacket.summary();
  }
}
