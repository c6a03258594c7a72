package dev.rdpprobe.wire.share;

/**
 * A decoded PDU that tells the client why the server ends the connection: the Set Error Info PDU
 * (MS-RDPBCGR 2.2.5.1) implements it. The diagnosis looks for received PDUs of this type in a trace
 * and reports the last code as the server's own explanation, whatever record carries it.
 */
public interface CarriesErrorInfo {
  /** The code the server sent. */
  ErrorInfo errorInfo();
}
