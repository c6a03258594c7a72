package dev.rdpprobe.wire.share;

import dev.rdpprobe.wire.Wire;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code errorInfo} code of the Set Error Info PDU (MS-RDPBCGR 2.2.5.1.1,
 * TS_SET_ERROR_INFO_PDU): why the server is about to end the connection. An open set: codes the
 * table does not know are kept and named {@code unknown (0x..)} (ARCHITECTURE.md, Rules: unknown
 * values survive).
 *
 * <p>The names are the specification's. The table was checked against MS-RDPBCGR 2.2.5.1.1 as
 * copied by spec-derived tables in public repositories (a Go {@code ErrorInfoPDUData} table that
 * has every current name including 0x19 and 0x1A; FreeRDP {@code libfreerdp/core/errinfo.c};
 * IronRDP {@code crates/ironrdp-pdu/src/rdp/server_error_info.rs}). The meanings are ours, one line
 * each; the categories follow FreeRDP's grouping (administrative, user action, server failure,
 * licensing, connection broker, protocol error).
 *
 * <p>Two codes of the table are not the specification's: 0x8, the variant of 0x7 a Windows client
 * sets itself when FIPS-compliant algorithms are enforced, and 0x1196, which only FreeRDP defines.
 * They are named so that a report can say what they are, and {@link #isSpecified()} tells them
 * apart.
 *
 * <p>A Windows client keeps the last code it received and reports it as the "extended error code"
 * of its disconnect dialog.
 *
 * @param value the 32-bit code as sent
 */
public record ErrorInfo(int value) {
  /** What kind of event a code reports. */
  public enum Category {
    /** ERRINFO_NONE: no error. */
    NONE,
    /** An administrator's tool or a policy ended or refused the session. */
    ADMINISTRATIVE,
    /** The user's own action (logoff, another connection taking the session). */
    USER_ACTION,
    /** A component of the server failed (display driver, DWM, Winlogon) or it is going down. */
    SERVER_FAILURE,
    /** The licensing exchange failed (0x100 to 0x10A). */
    LICENSING,
    /** The RD Connection Broker could not place the session (0x400 to 0x412). */
    CONNECTION_BROKER,
    /** The server found the client's PDUs invalid (the protocol range 0x1000 to 0x7FFF). */
    PROTOCOL_ERROR,
    /** A code outside every known range. */
    UNKNOWN
  }

  private record Row(String name, String meaning, Category category, boolean specified) {}

  private static final Map<Integer, Row> ROWS = new LinkedHashMap<>();

  // Protocol-independent codes (MS-RDPBCGR 2.2.5.1.1).
  /** ERRINFO_NONE: no error. */
  public static final ErrorInfo NONE = row(0x0000, "ERRINFO_NONE", "no error", Category.NONE);

  /** ERRINFO_RPC_INITIATED_DISCONNECT. */
  public static final ErrorInfo RPC_INITIATED_DISCONNECT =
      admin(
          0x0001,
          "ERRINFO_RPC_INITIATED_DISCONNECT",
          "an administrative tool on the server disconnected the session");

  /** ERRINFO_RPC_INITIATED_LOGOFF. */
  public static final ErrorInfo RPC_INITIATED_LOGOFF =
      admin(
          0x0002,
          "ERRINFO_RPC_INITIATED_LOGOFF",
          "an administrative tool on the server logged the session off");

  /** ERRINFO_IDLE_TIMEOUT. */
  public static final ErrorInfo IDLE_TIMEOUT =
      admin(0x0003, "ERRINFO_IDLE_TIMEOUT", "the server's idle session limit elapsed");

  /** ERRINFO_LOGON_TIMEOUT. */
  public static final ErrorInfo LOGON_TIMEOUT =
      admin(0x0004, "ERRINFO_LOGON_TIMEOUT", "the server's active session limit elapsed");

  /** ERRINFO_DISCONNECTED_BY_OTHERCONNECTION. */
  public static final ErrorInfo DISCONNECTED_BY_OTHER_CONNECTION =
      row(
          0x0005,
          "ERRINFO_DISCONNECTED_BY_OTHERCONNECTION",
          "another connection took over the session",
          Category.USER_ACTION);

  /** ERRINFO_OUT_OF_MEMORY. */
  public static final ErrorInfo OUT_OF_MEMORY =
      admin(0x0006, "ERRINFO_OUT_OF_MEMORY", "the server ran out of memory");

  /**
   * ERRINFO_SERVER_DENIED_CONNECTION; Windows clients also report it when a server says nothing.
   */
  public static final ErrorInfo SERVER_DENIED_CONNECTION =
      admin(0x0007, "ERRINFO_SERVER_DENIED_CONNECTION", "the server denied the connection");

  /**
   * TS_ERRINFO_SERVER_DENIED_CONNECTION_FIPS: not in MS-RDPBCGR's table. The Windows client sets it
   * itself instead of 0x7 when it enforces FIPS-compliant algorithms (its extended reason
   * exDiscReasonServerDeniedConnectionFips, 8, in the documentation of the client's
   * ExtendedDisconnectReasonCode). The name is the project's for the client's internal code.
   */
  public static final ErrorInfo SERVER_DENIED_CONNECTION_FIPS =
      row(
          0x0008,
          "TS_ERRINFO_SERVER_DENIED_CONNECTION_FIPS",
          "the server denied the connection (the client's own variant of 0x7 when FIPS-compliant"
              + " algorithms are enforced; not a code servers send)",
          Category.ADMINISTRATIVE,
          false);

  /** ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES. */
  public static final ErrorInfo SERVER_INSUFFICIENT_PRIVILEGES =
      admin(
          0x0009,
          "ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES",
          "the user may not log on through Remote Desktop Services");

  /** ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED. */
  public static final ErrorInfo SERVER_FRESH_CREDENTIALS_REQUIRED =
      admin(
          0x000A,
          "ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED",
          "the server does not accept saved credentials; the user must type them");

  /** ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER. */
  public static final ErrorInfo RPC_INITIATED_DISCONNECT_BY_USER =
      admin(
          0x000B,
          "ERRINFO_RPC_INITIATED_DISCONNECT_BYUSER",
          "the user disconnected the session with a tool on the server");

  /** ERRINFO_LOGOFF_BY_USER. */
  public static final ErrorInfo LOGOFF_BY_USER =
      row(0x000C, "ERRINFO_LOGOFF_BY_USER", "the user logged off", Category.USER_ACTION);

  static {
    server(
        0x000F,
        "ERRINFO_CLOSE_STACK_ON_DRIVER_NOT_READY",
        "the session's display driver did not report ready in time");
    server(0x0010, "ERRINFO_SERVER_DWM_CRASH", "the Desktop Window Manager of the session died");
    server(
        0x0011,
        "ERRINFO_CLOSE_STACK_ON_DRIVER_FAILURE",
        "the session's display driver failed to start");
    server(
        0x0012,
        "ERRINFO_CLOSE_STACK_ON_DRIVER_IFACE_FAILURE",
        "the session's display driver started but could not be used");
    server(0x0017, "ERRINFO_SERVER_WINLOGON_CRASH", "Winlogon in the session died");
    server(0x0018, "ERRINFO_SERVER_CSRSS_CRASH", "CSRSS in the session died");
  }

  /** ERRINFO_SERVER_SHUTDOWN (missing from the FreeRDP and IronRDP tables). */
  public static final ErrorInfo SERVER_SHUTDOWN =
      server(0x0019, "ERRINFO_SERVER_SHUTDOWN", "the server is shutting down");

  /** ERRINFO_SERVER_REBOOT (missing from the FreeRDP and IronRDP tables). */
  public static final ErrorInfo SERVER_REBOOT =
      server(0x001A, "ERRINFO_SERVER_REBOOT", "the server is restarting");

  // Licensing (protocol-independent).
  /** ERRINFO_LICENSE_INTERNAL. */
  public static final ErrorInfo LICENSE_INTERNAL =
      licensing(0x0100, "ERRINFO_LICENSE_INTERNAL", "an internal error in the licensing exchange");

  /** ERRINFO_LICENSE_NO_LICENSE_SERVER. */
  public static final ErrorInfo LICENSE_NO_LICENSE_SERVER =
      licensing(
          0x0101,
          "ERRINFO_LICENSE_NO_LICENSE_SERVER",
          "the server found no Remote Desktop license server");

  /** ERRINFO_LICENSE_NO_LICENSE. */
  public static final ErrorInfo LICENSE_NO_LICENSE =
      licensing(
          0x0102, "ERRINFO_LICENSE_NO_LICENSE", "no client access license (CAL) is available");

  static {
    licensing(
        0x0103, "ERRINFO_LICENSE_BAD_CLIENT_MSG", "the client sent an invalid licensing message");
    licensing(
        0x0104,
        "ERRINFO_LICENSE_HWID_DOESNT_MATCH_LICENSE",
        "the client's stored license was modified");
    licensing(
        0x0105, "ERRINFO_LICENSE_BAD_CLIENT_LICENSE", "the client's stored license is malformed");
    licensing(
        0x0106,
        "ERRINFO_LICENSE_CANT_FINISH_PROTOCOL",
        "a network problem ended the licensing exchange");
    licensing(
        0x0107,
        "ERRINFO_LICENSE_CLIENT_ENDED_PROTOCOL",
        "the client ended the licensing exchange early");
    licensing(
        0x0108,
        "ERRINFO_LICENSE_BAD_CLIENT_ENCRYPTION",
        "a licensing message was encrypted wrongly");
    licensing(
        0x0109,
        "ERRINFO_LICENSE_CANT_UPGRADE_LICENSE",
        "the client's license could not be upgraded or renewed");
  }

  /** ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS. */
  public static final ErrorInfo LICENSE_NO_REMOTE_CONNECTIONS =
      licensing(
          0x010A,
          "ERRINFO_LICENSE_NO_REMOTE_CONNECTIONS",
          "the server is not licensed to accept remote connections");

  // Connection broker (protocol-independent).
  static {
    broker(
        0x0400, "ERRINFO_CB_DESTINATION_NOT_FOUND", "the broker found no target for the session");
    broker(0x0402, "ERRINFO_CB_LOADING_DESTINATION", "the target is being loaded");
    broker(
        0x0404,
        "ERRINFO_CB_REDIRECTING_TO_DESTINATION",
        "redirecting the connection to its target failed");
    broker(0x0405, "ERRINFO_CB_SESSION_ONLINE_VM_WAKE", "waking the target virtual machine failed");
    broker(
        0x0406, "ERRINFO_CB_SESSION_ONLINE_VM_BOOT", "booting the target virtual machine failed");
    broker(
        0x0407,
        "ERRINFO_CB_SESSION_ONLINE_VM_NO_DNS",
        "the target virtual machine has no DNS name");
    broker(
        0x0408, "ERRINFO_CB_DESTINATION_POOL_NOT_FREE", "no virtual machine of the pool is free");
    broker(0x0409, "ERRINFO_CB_CONNECTION_CANCELLED", "the connection was cancelled");
    broker(
        0x0410,
        "ERRINFO_CB_CONNECTION_ERROR_INVALID_SETTINGS",
        "the connection settings do not name a valid target");
    broker(
        0x0411,
        "ERRINFO_CB_SESSION_ONLINE_VM_BOOT_TIMEOUT",
        "the target virtual machine took too long to boot");
    broker(
        0x0412,
        "ERRINFO_CB_SESSION_ONLINE_VM_SESSMON_FAILED",
        "the session monitor of the target virtual machine failed");
  }

  // RDP-specific codes (the protocol range 0x1000 to 0x7FFF).
  static {
    protocol(0x10C9, "ERRINFO_UNKNOWNPDUTYPE2", "unknown pduType2 in a Share Data Header");
    protocol(0x10CA, "ERRINFO_UNKNOWNPDUTYPE", "unknown pduType in a Share Control Header");
    protocol(0x10CB, "ERRINFO_DATAPDUSEQUENCE", "a slow-path data PDU out of sequence");
    protocol(0x10CD, "ERRINFO_CONTROLPDUSEQUENCE", "a slow-path non-data PDU out of sequence");
    protocol(0x10CE, "ERRINFO_INVALIDCONTROLPDUACTION", "a Control PDU with an invalid action");
    protocol(0x10CF, "ERRINFO_INVALIDINPUTPDUTYPE", "an input event of an invalid type");
    protocol(0x10D0, "ERRINFO_INVALIDINPUTPDUMOUSE", "a mouse event with invalid pointerFlags");
    protocol(0x10D1, "ERRINFO_INVALIDREFRESHRECTPDU", "an invalid Refresh Rect PDU");
    protocol(
        0x10D2,
        "ERRINFO_CREATEUSERDATAFAILED",
        "the server could not build the user data of its GCC response");
    protocol(0x10D3, "ERRINFO_CONNECTFAILED", "the Channel Connection phase failed");
    protocol(
        0x10D4, "ERRINFO_CONFIRMACTIVEWRONGSHAREID", "the Confirm Active PDU has a wrong shareId");
    protocol(
        0x10D5,
        "ERRINFO_CONFIRMACTIVEWRONGORIGINATOR",
        "the Confirm Active PDU has a wrong originatorId");
    protocol(0x10DA, "ERRINFO_PERSISTENTKEYPDUBADLENGTH", "a Persistent Key List PDU is too short");
    protocol(
        0x10DB,
        "ERRINFO_PERSISTENTKEYPDUILLEGALFIRST",
        "a second Persistent Key List PDU marked first");
    protocol(
        0x10DC,
        "ERRINFO_PERSISTENTKEYPDUTOOMANYTOTALKEYS",
        "the Persistent Key List PDUs hold too many keys");
    protocol(
        0x10DD,
        "ERRINFO_PERSISTENTKEYPDUTOOMANYCACHEKEYS",
        "a Persistent Key List PDU holds too many keys for one cache");
    protocol(0x10DE, "ERRINFO_INPUTPDUBADLENGTH", "an input PDU is too short");
    protocol(
        0x10DF, "ERRINFO_BITMAPCACHEERRORPDUBADLENGTH", "a Bitmap Cache Error PDU is too short");
    protocol(
        0x10E0,
        "ERRINFO_SECURITYDATATOOSHORT",
        "the signature or FIPS data of a fast-path input PDU is too short");
    protocol(
        0x10E1,
        "ERRINFO_VCHANNELDATATOOSHORT",
        "the network data block or a channel PDU header is too short");
    protocol(
        0x10E2,
        "ERRINFO_SHAREDATATOOSHORT",
        "a control, share header or font list PDU is too short");
    protocol(0x10E3, "ERRINFO_BADSUPRESSOUTPUTPDU", "an invalid Suppress Output PDU");
    protocol(0x10E5, "ERRINFO_CONFIRMACTIVEPDUTOOSHORT", "the Confirm Active PDU is too short");
    protocol(0x10E7, "ERRINFO_CAPABILITYSETTOOSMALL", "a capability set header is too short");
    protocol(
        0x10E8,
        "ERRINFO_CAPABILITYSETTOOLARGE",
        "a capability set is longer than the data that holds it");
    protocol(0x10E9, "ERRINFO_NOCURSORCACHE", "both pointer cache sizes are zero");
    protocol(0x10EA, "ERRINFO_BADCAPABILITIES", "the server rejected the client's capabilities");
    protocol(
        0x10EC,
        "ERRINFO_VIRTUALCHANNELDECOMPRESSIONERR",
        "decompressing virtual channel data failed");
    protocol(
        0x10ED, "ERRINFO_INVALIDVCCOMPRESSIONTYPE", "an invalid virtual channel compression type");
    protocol(0x10EF, "ERRINFO_INVALIDCHANNELID", "a virtual channel PDU names an invalid channel");
    protocol(0x10F0, "ERRINFO_VCHANNELSTOOMANY", "the client asked for more than 31 channels");
    protocol(
        0x10F3,
        "ERRINFO_REMOTEAPPSNOTENABLED",
        "the server only hosts RemoteApp programs and the client did not ask for one");
    protocol(
        0x10F4,
        "ERRINFO_CACHECAPNOTSET",
        "a Persistent Key List PDU without the bitmap cache revision 2 capability");
    protocol(
        0x10F5, "ERRINFO_BITMAPCACHEERRORPDUBADLENGTH2", "an inconsistent Bitmap Cache Error PDU");
    protocol(
        0x10F6,
        "ERRINFO_OFFSCRCACHEERRORPDUBADLENGTH",
        "an Offscreen Cache Error PDU is too short");
    protocol(
        0x10F7, "ERRINFO_DNGCACHEERRORPDUBADLENGTH", "a DrawNineGrid Cache Error PDU is too short");
    protocol(0x10F8, "ERRINFO_GDIPLUSPDUBADLENGTH", "a GDI+ Error PDU is too short");
    protocol(0x1111, "ERRINFO_SECURITYDATATOOSHORT2", "a Basic Security Header is too short");
    protocol(
        0x1112, "ERRINFO_SECURITYDATATOOSHORT3", "a Non-FIPS or FIPS Security Header is too short");
    protocol(
        0x1113,
        "ERRINFO_SECURITYDATATOOSHORT4",
        "the Security Exchange PDU header or length is too short");
    protocol(
        0x1114,
        "ERRINFO_SECURITYDATATOOSHORT5",
        "the Info Packet's fixed fields and strings are too short");
    protocol(
        0x1115, "ERRINFO_SECURITYDATATOOSHORT6", "the Info Packet's fixed fields are too short");
    protocol(
        0x1116,
        "ERRINFO_SECURITYDATATOOSHORT7",
        "the Extended Info Packet's address family or length is too short");
    protocol(
        0x1117,
        "ERRINFO_SECURITYDATATOOSHORT8",
        "the Extended Info Packet's client address is too short");
    protocol(
        0x1118,
        "ERRINFO_SECURITYDATATOOSHORT9",
        "the Extended Info Packet's cbClientDir is too short");
    protocol(
        0x1119,
        "ERRINFO_SECURITYDATATOOSHORT10",
        "the Extended Info Packet's client directory is too short");
    protocol(
        0x111A,
        "ERRINFO_SECURITYDATATOOSHORT11",
        "the Extended Info Packet's time zone is too short");
    protocol(
        0x111B,
        "ERRINFO_SECURITYDATATOOSHORT12",
        "the Extended Info Packet's session id is too short");
    protocol(
        0x111C,
        "ERRINFO_SECURITYDATATOOSHORT13",
        "the Extended Info Packet's performance flags are too short");
    protocol(
        0x111D,
        "ERRINFO_SECURITYDATATOOSHORT14",
        "the Extended Info Packet's cbAutoReconnectLen is too short");
    protocol(
        0x111E,
        "ERRINFO_SECURITYDATATOOSHORT15",
        "the Extended Info Packet's auto-reconnect cookie is too short");
    protocol(
        0x111F,
        "ERRINFO_SECURITYDATATOOSHORT16",
        "the Extended Info Packet's cbAutoReconnectLen is larger than 128");
    protocol(
        0x1120,
        "ERRINFO_SECURITYDATATOOSHORT17",
        "the Extended Info Packet's address family or length is too short (second path)");
    protocol(
        0x1121,
        "ERRINFO_SECURITYDATATOOSHORT18",
        "the Extended Info Packet's client address is too short (second path)");
    protocol(
        0x1122,
        "ERRINFO_SECURITYDATATOOSHORT19",
        "the Extended Info Packet's cbClientDir is too short (second path)");
    protocol(
        0x1123,
        "ERRINFO_SECURITYDATATOOSHORT20",
        "the Extended Info Packet's client directory is too short (second path)");
    protocol(
        0x1124,
        "ERRINFO_SECURITYDATATOOSHORT21",
        "the Extended Info Packet's time zone is too short (second path)");
    protocol(
        0x1125,
        "ERRINFO_SECURITYDATATOOSHORT22",
        "the Extended Info Packet's session id is too short (second path)");
    protocol(0x1126, "ERRINFO_SECURITYDATATOOSHORT23", "the Client Info PDU data is too short");
    protocol(
        0x1129, "ERRINFO_BADMONITORDATA", "the client monitor data has an invalid monitorCount");
    protocol(
        0x112A,
        "ERRINFO_VCDECOMPRESSEDREASSEMBLEFAILED",
        "reassembling decompressed virtual channel data failed");
    protocol(
        0x112B, "ERRINFO_VCDATATOOLONG", "a virtual channel PDU is longer than the chunk size");
    protocol(0x112C, "ERRINFO_BAD_FRAME_ACK_DATA", "a Frame Acknowledge PDU is too short");
    server(
        0x112D,
        "ERRINFO_GRAPHICSMODENOTSUPPORTED",
        "the server does not support the requested graphics mode");
    server(
        0x112E,
        "ERRINFO_GRAPHICSSUBSYSTEMRESETFAILED",
        "resetting the server's graphics subsystem failed");
    server(0x112F, "ERRINFO_GRAPHICSSUBSYSTEMFAILED", "the server's graphics subsystem failed");
    protocol(
        0x1130,
        "ERRINFO_TIMEZONEKEYNAMELENGTHTOOSHORT",
        "the dynamic time zone key name is too short");
    protocol(
        0x1131,
        "ERRINFO_TIMEZONEKEYNAMELENGTHTOOLONG",
        "the dynamic time zone key name is too long");
    protocol(
        0x1132,
        "ERRINFO_DYNAMICDSTDISABLEDFIELDMISSING",
        "the dynamicDaylightTimeDisabled field is missing");
    protocol(0x1133, "ERRINFO_VCDECODINGERROR", "decoding dynamic virtual channel data failed");
    server(
        0x1134,
        "ERRINFO_VIRTUALDESKTOPTOOLARGE",
        "the requested virtual desktop is too large for the server");
    protocol(
        0x1135,
        "ERRINFO_MONITORGEOMETRYVALIDATIONFAILED",
        "the client's monitor layout is invalid");
    protocol(0x1136, "ERRINFO_INVALIDMONITORCOUNT", "the client reported too many monitors");
    protocol(
        0x1191,
        "ERRINFO_UPDATESESSIONKEYFAILED",
        "updating the Standard RDP Security session key failed");
    protocol(
        0x1192,
        "ERRINFO_DECRYPTFAILED",
        "decrypting or creating Standard RDP Security keys failed");
    protocol(0x1193, "ERRINFO_ENCRYPTFAILED", "encrypting with Standard RDP Security failed");
  }

  /** ERRINFO_ENCPKGMISMATCH (FreeRDP: ENCRYPTION_PACKAGE_MISMATCH). */
  public static final ErrorInfo ENCRYPTION_PACKAGE_MISMATCH =
      protocol(
          0x1194,
          "ERRINFO_ENCPKGMISMATCH",
          "none of the client's encryption methods is acceptable to the server");

  static {
    protocol(
        0x1195, "ERRINFO_DECRYPTFAILED2", "unencrypted data arrived where encryption was expected");
  }

  /**
   * FreeRDP's ERRINFO_PEER_DISCONNECTED: not in MS-RDPBCGR's table nor in other spec-derived
   * tables; FreeRDP defines it for its own use. A Windows server does not send it.
   */
  public static final ErrorInfo PEER_DISCONNECTED =
      row(
          0x1196,
          "ERRINFO_PEER_DISCONNECTED",
          "the peer disconnected (FreeRDP's own code; not in the specification)",
          Category.PROTOCOL_ERROR,
          false);

  private static final List<ErrorInfo> KNOWN;

  static {
    List<ErrorInfo> known = new ArrayList<>();
    for (int v : ROWS.keySet()) {
      known.add(new ErrorInfo(v));
    }
    KNOWN = Collections.unmodifiableList(known);
  }

  /**
   * Every code the table names, in table order: the specification's codes and the two that are not
   * ({@link #isSpecified()}).
   */
  public static List<ErrorInfo> known() {
    return KNOWN;
  }

  /** Whether the table names this code. */
  public boolean isKnown() {
    return ROWS.containsKey(value);
  }

  /** Whether MS-RDPBCGR 2.2.5.1.1 defines this code (false for 0x8, 0x1196 and unknown codes). */
  public boolean isSpecified() {
    Row r = ROWS.get(value);
    return r != null && r.specified();
  }

  /**
   * The specification name, e.g. {@code ERRINFO_SERVER_DENIED_CONNECTION}, or {@code unknown
   * (0x..)}.
   */
  public String name() {
    Row r = ROWS.get(value);
    return r == null ? "unknown (" + Wire.hex(value & 0xFFFFFFFFL) + ")" : r.name();
  }

  /** What the code means, in a sentence; for an unknown code, what its range suggests. */
  public String meaning() {
    Row r = ROWS.get(value);
    if (r != null) {
      return r.meaning();
    }
    return switch (category()) {
      case LICENSING -> "a licensing error the table does not name";
      case CONNECTION_BROKER -> "a connection broker error the table does not name";
      case PROTOCOL_ERROR ->
          "a protocol error the table does not name; the server's event log has the details";
      default -> "a code the specification does not define";
    };
  }

  /** The category of the code, by the table or else by the range it falls in. */
  public Category category() {
    Row r = ROWS.get(value);
    if (r != null) {
      return r.category();
    }
    if (value >= 0x100 && value <= 0x1FF) {
      return Category.LICENSING;
    }
    if (value >= 0x400 && value <= 0x4FF) {
      return Category.CONNECTION_BROKER;
    }
    if (value >= 0x1000 && value <= 0x7FFF) {
      return Category.PROTOCOL_ERROR;
    }
    return Category.UNKNOWN;
  }

  /** Whether this is ERRINFO_NONE, which a server sends to clear an earlier code. */
  public boolean isNone() {
    return value == 0;
  }

  /** The name and the value, e.g. {@code ERRINFO_SERVER_DENIED_CONNECTION (0x07)}. */
  @Override
  public String toString() {
    return isKnown() ? name() + " (" + Wire.hex(value & 0xFFFFFFFFL) + ")" : name();
  }

  private static ErrorInfo row(int value, String name, String meaning, Category category) {
    return row(value, name, meaning, category, true);
  }

  private static ErrorInfo row(
      int value, String name, String meaning, Category category, boolean specified) {
    if (ROWS.put(value, new Row(name, meaning, category, specified)) != null) {
      throw new IllegalStateException("duplicate ERRINFO row " + Wire.hex(value));
    }
    return new ErrorInfo(value);
  }

  private static ErrorInfo admin(int value, String name, String meaning) {
    return row(value, name, meaning, Category.ADMINISTRATIVE);
  }

  private static ErrorInfo server(int value, String name, String meaning) {
    return row(value, name, meaning, Category.SERVER_FAILURE);
  }

  private static ErrorInfo licensing(int value, String name, String meaning) {
    return row(value, name, meaning, Category.LICENSING);
  }

  private static ErrorInfo broker(int value, String name, String meaning) {
    return row(value, name, meaning, Category.CONNECTION_BROKER);
  }

  private static ErrorInfo protocol(int value, String name, String meaning) {
    return row(value, name, meaning, Category.PROTOCOL_ERROR);
  }
}
