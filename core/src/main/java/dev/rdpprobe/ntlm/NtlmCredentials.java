package dev.rdpprobe.ntlm;

import java.util.Arrays;
import java.util.Objects;

/**
 * A user name, a domain and a password for NTLM, held only until {@link #close()}: the password is
 * copied into an array of its own, which {@code close} overwrites, and {@link #toString()} never
 * shows it. The caller clears its own array.
 */
public final class NtlmCredentials implements AutoCloseable {
  private final String userName;
  private final String domainName;
  private final char[] password;
  private boolean closed;

  private NtlmCredentials(String userName, String domainName, char[] password) {
    this.userName = userName;
    this.domainName = domainName;
    this.password = password;
  }

  /**
   * Credentials for the account {@code userName} of {@code domainName}.
   *
   * @param userName the account name, as the server knows it
   * @param domainName the account's domain; empty for a local account (or give the server's name)
   * @param password the password; copied
   */
  public static NtlmCredentials of(String userName, String domainName, char[] password) {
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(domainName, "domainName");
    Objects.requireNonNull(password, "password");
    return new NtlmCredentials(userName, domainName, password.clone());
  }

  /** The user name. */
  public String userName() {
    return userName;
  }

  /** The domain name. */
  public String domainName() {
    return domainName;
  }

  /** NTOWFv2 of these credentials; the caller zeroes it. */
  byte[] responseKeyNt() {
    if (closed) {
      throw new NtlmException(NtlmException.Kind.OUT_OF_ORDER, "the credentials are closed");
    }
    return Crypto.ntowfV2(password, userName, domainName);
  }

  /** Overwrites the password. */
  @Override
  public void close() {
    Arrays.fill(password, '\0');
    closed = true;
  }

  @Override
  public String toString() {
    return "NtlmCredentials["
        + (domainName.isEmpty() ? "" : domainName + "\\")
        + userName
        + ", password=<redacted>]";
  }
}
