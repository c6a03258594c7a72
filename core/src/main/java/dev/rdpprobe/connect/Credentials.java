package dev.rdpprobe.connect;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An account to prove over CredSSP: a user name, a domain and where to get the password. The probe
 * uses the password once, to compute the NTLMv2 response and pubKeyAuth when the server's CHALLENGE
 * arrives, and overwrites its copy right after; it never sends the password itself (no
 * TSCredentials), and {@link #toString()} never shows it.
 *
 * <p>The password comes from a supplier so a caller can keep it out of long-lived objects. The
 * supplier is called at most once per probe, on the probe's event loop: it must return at once
 * (read a prompt before probing, not in it) and give a new array, which the probe overwrites.
 */
public final class Credentials {
  private final String userName;
  private final String domainName;
  private final Supplier<char[]> password;

  private Credentials(String userName, String domainName, Supplier<char[]> password) {
    this.userName = userName;
    this.domainName = domainName;
    this.password = password;
  }

  /**
   * Credentials with the password given now: it is copied, and each probe gets a copy of the copy.
   *
   * @param userName the account name, as the server knows it; not empty
   * @param domainName the account's domain, or empty for a local account of the server
   * @param password the password; the caller may clear its array once this returns
   */
  public static Credentials of(String userName, String domainName, char[] password) {
    Objects.requireNonNull(password, "password");
    char[] copy = password.clone();
    return new Credentials(check(userName), checkDomain(domainName), copy::clone);
  }

  /**
   * Credentials whose password a supplier gives when it is needed.
   *
   * @param userName the account name, as the server knows it; not empty
   * @param domainName the account's domain, or empty for a local account of the server
   * @param password gives a new array each call (the probe overwrites it); must not block
   */
  public static Credentials of(String userName, String domainName, Supplier<char[]> password) {
    Objects.requireNonNull(password, "password");
    return new Credentials(check(userName), checkDomain(domainName), password);
  }

  private static String check(String userName) {
    Objects.requireNonNull(userName, "userName");
    if (userName.isBlank()) {
      throw new IllegalArgumentException("userName is empty");
    }
    if (userName.length() > 256 || userName.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException(
          "userName must be at most 256 characters without control characters");
    }
    return userName;
  }

  private static String checkDomain(String domainName) {
    Objects.requireNonNull(domainName, "domainName");
    if (domainName.length() > 256 || domainName.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException(
          "domainName must be at most 256 characters without control characters");
    }
    return domainName;
  }

  /** The user name. */
  public String userName() {
    return userName;
  }

  /** The domain name; empty for a local account. */
  public String domainName() {
    return domainName;
  }

  /** {@code DOMAIN\\user}, or {@code user} without a domain. */
  public String account() {
    return domainName.isEmpty() ? userName : domainName + "\\" + userName;
  }

  /**
   * A new array with the password, which the caller overwrites after use.
   *
   * @throws IllegalStateException if the supplier gives nothing
   */
  char[] password() {
    char[] p = password.get();
    if (p == null) {
      throw new IllegalStateException("the password supplier gave no password");
    }
    return p;
  }

  /** Overwrites an array that held a password. */
  static void clear(char[] password) {
    if (password != null) {
      Arrays.fill(password, '\0');
    }
  }

  @Override
  public String toString() {
    return "Credentials[" + account() + ", password=<redacted>]";
  }
}
