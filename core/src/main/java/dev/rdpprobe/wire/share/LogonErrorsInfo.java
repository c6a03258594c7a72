package dev.rdpprobe.wire.share;

import java.util.Objects;

/**
 * Logon Errors Info, TS_LOGON_ERRORS_INFO (MS-RDPBCGR 2.2.10.1.1.4.1.1): the logon error a server
 * reports to a client that set INFO_LOGONERRORS, the LOGON_EX_LOGONERRORS field of the Logon Info
 * Extended structure.
 *
 * @param errorNotificationType ErrorNotificationType
 * @param errorNotificationData ErrorNotificationData
 */
public record LogonErrorsInfo(
    LogonErrorNotificationType errorNotificationType,
    LogonErrorNotificationData errorNotificationData) {
  public static final String NAME = "TS_LOGON_ERRORS_INFO";

  public static final int FIXED_PART_SIZE =
      4 // ErrorNotificationType
          + 4; // ErrorNotificationData

  public LogonErrorsInfo {
    Objects.requireNonNull(errorNotificationType, "errorNotificationType");
    Objects.requireNonNull(errorNotificationData, "errorNotificationData");
  }

  @Override
  public String toString() {
    return errorNotificationType.name() + "/" + errorNotificationData.name();
  }
}
