package dev.rdpprobe.tls;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * Cipher suite names and their two-byte codes, as IANA names them ({@code
 * TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384} is {@code 0xc030}). The table is every constant of Bouncy
 * Castle's {@link CipherSuite}, read once by reflection, so a suite Bouncy Castle knows has a name
 * here; codes nobody knows are named {@code unknown (0x....)}.
 */
public final class CipherSuites {
  private CipherSuites() {}

  private static final Map<String, Integer> BY_NAME;
  private static final Map<Integer, String> BY_CODE;

  /** Used only to ask which suites Bouncy Castle's lightweight crypto implements. */
  private static final TlsCrypto PROBE_CRYPTO = new BcTlsCrypto();

  static {
    Map<String, Integer> byName = new LinkedHashMap<>();
    Map<Integer, String> byCode = new LinkedHashMap<>();
    for (Field f : CipherSuite.class.getFields()) {
      int m = f.getModifiers();
      if (f.getType() != int.class
          || !Modifier.isStatic(m)
          || !Modifier.isFinal(m)
          || !f.getName().startsWith("TLS_")) {
        continue;
      }
      int code;
      try {
        code = f.getInt(null);
      } catch (IllegalAccessException e) {
        throw new ExceptionInInitializerError(e);
      }
      byName.put(f.getName(), code);
      byCode.putIfAbsent(code, f.getName()); // the first declared name is the IANA one
    }
    BY_NAME = Collections.unmodifiableMap(byName);
    BY_CODE = Collections.unmodifiableMap(byCode);
  }

  /** The code of the suite with this IANA name, if Bouncy Castle knows it. */
  public static Optional<Integer> code(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The IANA name of this code, or {@code unknown (0x....)}. */
  public static String name(int code) {
    String n = BY_CODE.get(code);
    return n != null ? n : String.format("unknown (0x%04x)", code);
  }

  /** Whether the code is a known suite. */
  public static boolean isKnown(int code) {
    return BY_CODE.containsKey(code);
  }

  /**
   * Whether the code is a signalling value, not a suite: {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV}
   * or {@code TLS_FALLBACK_SCSV}.
   */
  public static boolean isSignalling(int code) {
    return CipherSuite.isSCSV(code);
  }

  /** Whether Bouncy Castle's lightweight crypto implements the suite, so a session can offer it. */
  public static boolean isImplemented(int code) {
    return !isSignalling(code) && TlsUtils.isSupportedCipherSuite(PROBE_CRYPTO, code);
  }

  /** Whether Bouncy Castle's lightweight crypto implements a NamedGroup (RFC 8446 4.2.7). */
  public static boolean isGroupImplemented(int namedGroup) {
    return PROBE_CRYPTO.hasNamedGroup(namedGroup);
  }

  /** Whether a suite is for TLS 1.3 only ({@code TLS_AES_128_GCM_SHA256} and its kind). */
  public static boolean isTls13(int code) {
    return TlsUtils.isValidVersionForCipherSuite(code, TlsVersion.TLS_1_3.toBc())
        && !TlsUtils.isValidVersionForCipherSuite(code, TlsVersion.TLS_1_2.toBc());
  }

  /** Whether the suite can be negotiated at {@code version}. */
  public static boolean isValidFor(int code, TlsVersion version) {
    return TlsUtils.isValidVersionForCipherSuite(code, version.toBc());
  }

  /** Every name Bouncy Castle knows, in declaration order. */
  public static Iterable<String> names() {
    return BY_NAME.keySet();
  }
}
