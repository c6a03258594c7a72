package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.NamedBits;
import java.util.List;

/**
 * NegotiateFlags (MS-NLMP 2.2.2.5): what each side of an NTLM exchange supports and asks for. Every
 * bit the specification names has a constant; the ten reserved bits ({@code r1} to {@code r10}) and
 * anything else are kept and shown as {@code unknown (0x..)} (ARCHITECTURE.md, Rules: unknown
 * values survive).
 *
 * @param bits the 32-bit field as sent
 */
public record NegotiateFlags(int bits) {
  /** NTLMSSP_NEGOTIATE_UNICODE (A): strings in UTF-16LE. */
  public static final int NEGOTIATE_UNICODE = 0x00000001;

  /** NTLM_NEGOTIATE_OEM (B): strings in the OEM character set. */
  public static final int NEGOTIATE_OEM = 0x00000002;

  /** NTLMSSP_REQUEST_TARGET (C): the server is to send its TargetName. */
  public static final int REQUEST_TARGET = 0x00000004;

  /** NTLMSSP_NEGOTIATE_SIGN (D): message integrity. */
  public static final int NEGOTIATE_SIGN = 0x00000010;

  /** NTLMSSP_NEGOTIATE_SEAL (E): message confidentiality. */
  public static final int NEGOTIATE_SEAL = 0x00000020;

  /** NTLMSSP_NEGOTIATE_DATAGRAM (F): connectionless authentication. */
  public static final int NEGOTIATE_DATAGRAM = 0x00000040;

  /** NTLMSSP_NEGOTIATE_LM_KEY (G): LAN Manager session key computation. */
  public static final int NEGOTIATE_LM_KEY = 0x00000080;

  /** NTLMSSP_NEGOTIATE_NTLM (H): NTLM v1 session security. */
  public static final int NEGOTIATE_NTLM = 0x00000200;

  /** NTLMSSP_ANONYMOUS (J): an anonymous connection. */
  public static final int ANONYMOUS = 0x00000800;

  /** NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED (K): the NEGOTIATE_MESSAGE carries DomainName. */
  public static final int NEGOTIATE_OEM_DOMAIN_SUPPLIED = 0x00001000;

  /** NTLMSSP_NEGOTIATE_OEM_WORKSTATION_SUPPLIED (L): the NEGOTIATE_MESSAGE carries Workstation. */
  public static final int NEGOTIATE_OEM_WORKSTATION_SUPPLIED = 0x00002000;

  /** NTLMSSP_NEGOTIATE_ALWAYS_SIGN (M): a signature even without SIGN. */
  public static final int NEGOTIATE_ALWAYS_SIGN = 0x00008000;

  /** NTLMSSP_TARGET_TYPE_DOMAIN (N): TargetName is a domain name. */
  public static final int TARGET_TYPE_DOMAIN = 0x00010000;

  /** NTLMSSP_TARGET_TYPE_SERVER (O): TargetName is a server name. */
  public static final int TARGET_TYPE_SERVER = 0x00020000;

  /** NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY (P): NTLM v2 session security. */
  public static final int NEGOTIATE_EXTENDED_SESSIONSECURITY = 0x00080000;

  /** NTLMSSP_NEGOTIATE_IDENTIFY (Q): an identify-level token. */
  public static final int NEGOTIATE_IDENTIFY = 0x00100000;

  /** NTLMSSP_REQUEST_NON_NT_SESSION_KEY (R): the LMOWF session key. */
  public static final int REQUEST_NON_NT_SESSION_KEY = 0x00400000;

  /** NTLMSSP_NEGOTIATE_TARGET_INFO (S): the CHALLENGE_MESSAGE carries TargetInfo. */
  public static final int NEGOTIATE_TARGET_INFO = 0x00800000;

  /** NTLMSSP_NEGOTIATE_VERSION (T): the messages carry a VERSION structure. */
  public static final int NEGOTIATE_VERSION = 0x02000000;

  /** NTLMSSP_NEGOTIATE_128 (U): 128-bit session keys. */
  public static final int NEGOTIATE_128 = 0x20000000;

  /** NTLMSSP_NEGOTIATE_KEY_EXCH (V): an explicit key exchange (EncryptedRandomSessionKey). */
  public static final int NEGOTIATE_KEY_EXCH = 0x40000000;

  /** NTLMSSP_NEGOTIATE_56 (W): 56-bit encryption. */
  public static final int NEGOTIATE_56 = 0x80000000;

  private static final NamedBits NAMES =
      NamedBits.of(
          NEGOTIATE_UNICODE, "NEGOTIATE_UNICODE",
          NEGOTIATE_OEM, "NEGOTIATE_OEM",
          REQUEST_TARGET, "REQUEST_TARGET",
          NEGOTIATE_SIGN, "NEGOTIATE_SIGN",
          NEGOTIATE_SEAL, "NEGOTIATE_SEAL",
          NEGOTIATE_DATAGRAM, "NEGOTIATE_DATAGRAM",
          NEGOTIATE_LM_KEY, "NEGOTIATE_LM_KEY",
          NEGOTIATE_NTLM, "NEGOTIATE_NTLM",
          ANONYMOUS, "ANONYMOUS",
          NEGOTIATE_OEM_DOMAIN_SUPPLIED, "NEGOTIATE_OEM_DOMAIN_SUPPLIED",
          NEGOTIATE_OEM_WORKSTATION_SUPPLIED, "NEGOTIATE_OEM_WORKSTATION_SUPPLIED",
          NEGOTIATE_ALWAYS_SIGN, "NEGOTIATE_ALWAYS_SIGN",
          TARGET_TYPE_DOMAIN, "TARGET_TYPE_DOMAIN",
          TARGET_TYPE_SERVER, "TARGET_TYPE_SERVER",
          NEGOTIATE_EXTENDED_SESSIONSECURITY, "NEGOTIATE_EXTENDED_SESSIONSECURITY",
          NEGOTIATE_IDENTIFY, "NEGOTIATE_IDENTIFY",
          REQUEST_NON_NT_SESSION_KEY, "REQUEST_NON_NT_SESSION_KEY",
          NEGOTIATE_TARGET_INFO, "NEGOTIATE_TARGET_INFO",
          NEGOTIATE_VERSION, "NEGOTIATE_VERSION",
          NEGOTIATE_128, "NEGOTIATE_128",
          NEGOTIATE_KEY_EXCH, "NEGOTIATE_KEY_EXCH",
          NEGOTIATE_56, "NEGOTIATE_56");

  /** The flags {@code 0xe20882b7} a Windows client sends in its NEGOTIATE_MESSAGE. */
  public static final NegotiateFlags WINDOWS_CLIENT_NEGOTIATE = new NegotiateFlags(0xE20882B7);

  /** The set of the given bits. */
  public static NegotiateFlags of(int... flags) {
    int bits = 0;
    for (int f : flags) {
      bits |= f;
    }
    return new NegotiateFlags(bits);
  }

  /** Whether every bit of {@code flag} is set. */
  public boolean has(int flag) {
    return (bits & flag) == flag;
  }

  /** These flags with {@code flag} set. */
  public NegotiateFlags with(int flag) {
    return new NegotiateFlags(bits | flag);
  }

  /** These flags with {@code flag} clear. */
  public NegotiateFlags without(int flag) {
    return new NegotiateFlags(bits & ~flag);
  }

  /** The names of the set bits, then {@code unknown (0x..)} for the rest. */
  public List<String> names() {
    return NAMES.names(bits & 0xFFFFFFFFL);
  }

  /** The names joined with {@code |}, or {@code none}. */
  @Override
  public String toString() {
    return NAMES.format(bits & 0xFFFFFFFFL, "none");
  }
}
