package dev.rdpprobe.facts;

/** What became of the credentials a probe proved over CredSSP. */
public enum CredentialOutcome {
  /** No credentials were given: the probe stopped after the server's NTLM CHALLENGE. */
  NOT_ATTEMPTED("no credentials given: the probe stopped after the server's CHALLENGE"),
  /** The exchange ended before the probe could send its AUTHENTICATE. */
  NOT_SENT("the exchange ended before the probe sent its AUTHENTICATE"),
  /**
   * The server accepted the NTLM AUTHENTICATE and proved it knows the account too: its pubKeyAuth
   * binds the public key of the certificate the probe saw.
   */
  ACCEPTED("accepted: the server verified the credentials and proved its public key"),
  /** The server rejected the AUTHENTICATE with an NTSTATUS in the TSRequest errorCode. */
  REJECTED("rejected with an errorCode"),
  /** The server closed the connection (FIN, perhaps after close_notify) after the AUTHENTICATE. */
  CLOSED_BY_SERVER("the server closed the connection after the AUTHENTICATE, with no errorCode"),
  /** The server reset the connection (RST) after the AUTHENTICATE. */
  RESET_BY_SERVER("the server reset the connection after the AUTHENTICATE, with no errorCode"),
  /**
   * The server's pubKeyAuth does not bind the public key of the certificate the probe saw: a
   * TLS-intercepting middlebox, or a server that answers for another CredSSP version.
   */
  SERVER_NOT_VERIFIED("the server's pubKeyAuth does not match the certificate's public key");

  private final String description;

  CredentialOutcome(String description) {
    this.description = description;
  }

  /** What the value means, in words. */
  public String description() {
    return description;
  }
}
