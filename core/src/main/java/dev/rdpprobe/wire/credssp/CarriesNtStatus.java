package dev.rdpprobe.wire.credssp;

import java.util.OptionalInt;

/**
 * A decoded PDU that can carry the NTSTATUS of a failed authentication: the CredSSP TSRequest
 * (MS-CSSP 2.2.1, its {@code errorCode} field, sent in versions 3, 4 and 6) implements it. The
 * diagnosis looks for a received PDU of this type with a status and reports the code a Windows
 * client shows for it (the SSL_ERR_* family, e.g. 0x807 for STATUS_LOGON_FAILURE).
 */
public interface CarriesNtStatus {
  /** The NTSTATUS the peer sent, or empty when this PDU carries none. */
  OptionalInt ntStatus();
}
