package dev.rdpprobe.rdpsec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.EncryptionLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The decrypt-and-verify path fed arbitrary bytes: a client's context for each method takes a
 * sequence of server PDUs (each a 2-byte little-endian length and that many bytes, the last one
 * whatever is left) and must give an {@link Unprotected} or a {@link DecodeException} for each,
 * never anything else, with the counts in step. Seeds in {@code StandardSecurityFuzzTestInputs/
 * <method>/}, made by {@link StandardSecurityFuzzSeedsTest#regenerate}: sessions a server context
 * protected with the same randoms ({@code valid-*}, whose signatures all check), and broken ones.
 */
class StandardSecurityFuzzTest {
  static final byte[] CLIENT_RANDOM = pattern(0x11);
  static final byte[] SERVER_RANDOM = pattern(0x5A);

  private static byte[] pattern(int start) {
    byte[] b = new byte[32];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (start + 7 * i);
    }
    return b;
  }

  @FuzzTest(maxDuration = "5m")
  void none(byte[] input) {
    unprotectAll(EncryptionMethod.NONE, EncryptionLevel.NONE, input);
  }

  @FuzzTest(maxDuration = "5m")
  void rc4With40Bits(byte[] input) {
    unprotectAll(EncryptionMethod.RC4_40, EncryptionLevel.CLIENT_COMPATIBLE, input);
  }

  @FuzzTest(maxDuration = "5m")
  void rc4With56Bits(byte[] input) {
    unprotectAll(EncryptionMethod.RC4_56, EncryptionLevel.CLIENT_COMPATIBLE, input);
  }

  @FuzzTest(maxDuration = "5m")
  void rc4With128Bits(byte[] input) {
    unprotectAll(EncryptionMethod.RC4_128, EncryptionLevel.HIGH, input);
  }

  @FuzzTest(maxDuration = "5m")
  void rc4AtLevelLow(byte[] input) {
    unprotectAll(EncryptionMethod.RC4_128, EncryptionLevel.LOW, input);
  }

  @FuzzTest(maxDuration = "5m")
  void fips(byte[] input) {
    unprotectAll(EncryptionMethod.FIPS, EncryptionLevel.FIPS, input);
  }

  /**
   * The fast-path entry: the first byte picks the method and whether the signature is salted, the
   * next a padlen, then 8 bytes of signature and the ciphertext.
   */
  @FuzzTest(maxDuration = "5m")
  void open(byte[] input) {
    if (input.length < 2) {
      return;
    }
    EncryptionMethod[] methods = {
      EncryptionMethod.NONE,
      EncryptionMethod.RC4_40,
      EncryptionMethod.RC4_56,
      EncryptionMethod.RC4_128,
      EncryptionMethod.FIPS
    };
    EncryptionMethod method = methods[(input[0] & 0x7F) % methods.length];
    StandardSecurity client = context(method, level(method));
    int padlen = input[1];
    byte[] rest = Arrays.copyOfRange(input, 2, input.length);
    Octets signature = Octets.of(Arrays.copyOf(rest, Math.min(8, rest.length)));
    Octets data =
        Octets.of(rest.length > 8 ? Arrays.copyOfRange(rest, 8, rest.length) : new byte[0]);
    try {
      Opened o = client.open(signature, input[0] < 0, padlen, data);
      if (o.plaintext().length() > data.length() || o.encryptionCount() != 0) {
        throw new AssertionError("opened " + o);
      }
    } catch (DecodeException e) {
      if (client.decryptedCount() != 0) {
        throw new AssertionError("counted a PDU it refused: " + e.getMessage(), e);
      }
    }
  }

  private static EncryptionLevel level(EncryptionMethod method) {
    return switch (method) {
      case NONE -> EncryptionLevel.NONE;
      case FIPS -> EncryptionLevel.FIPS;
      default -> EncryptionLevel.HIGH;
    };
  }

  static StandardSecurity context(EncryptionMethod method, EncryptionLevel level) {
    return method == EncryptionMethod.NONE
        ? StandardSecurity.none(Side.CLIENT)
        : StandardSecurity.clientSide(
            method.toEncryptionMethods(),
            level,
            Octets.of(CLIENT_RANDOM),
            Octets.of(SERVER_RANDOM));
  }

  /** The PDUs of a fuzz input: 2-byte little-endian lengths, the last PDU what is left. */
  static List<byte[]> split(byte[] input) {
    List<byte[]> pdus = new ArrayList<>();
    int at = 0;
    while (at < input.length) {
      if (input.length - at < 2) {
        pdus.add(Arrays.copyOfRange(input, at, input.length));
        break;
      }
      int n = (input[at] & 0xFF) | (input[at + 1] & 0xFF) << 8;
      at += 2;
      int end = Math.min(input.length, at + n);
      pdus.add(Arrays.copyOfRange(input, at, end));
      at = end;
    }
    return pdus;
  }

  /**
   * Unprotects every PDU of {@code input} in one context: each gives a result or a {@link
   * DecodeException} whose offset lies in the PDU, and the context counts exactly the PDUs it
   * decrypted.
   *
   * @return the results, null for a PDU refused with a {@link DecodeException}
   */
  static List<Unprotected> unprotectAll(
      EncryptionMethod method, EncryptionLevel level, byte[] input) {
    StandardSecurity client = context(method, level);
    List<Unprotected> results = new ArrayList<>();
    long decrypted = 0;
    for (byte[] pdu : split(input)) {
      try {
        Unprotected u = client.unprotect(Octets.of(pdu));
        if (u.plaintext().length() > pdu.length
            || u.clearUserData().length() > u.plaintext().length() + 4) {
          throw new AssertionError("plaintext longer than the PDU: " + u.summary());
        }
        if (u.encrypted()) {
          if (u.encryptionCount() != decrypted) {
            throw new AssertionError("count " + u.encryptionCount() + ", expected " + decrypted);
          }
          decrypted++;
        } else if (u.mac() != MacCheck.NOT_SIGNED) {
          throw new AssertionError("a clear PDU with a MAC outcome: " + u.summary());
        }
        results.add(u);
      } catch (DecodeException e) {
        if (e.offset() < 0 || e.offset() > pdu.length) {
          throw new AssertionError("error offset outside the PDU: " + e.getMessage(), e);
        }
        results.add(null);
      }
      if (client.decryptedCount() != decrypted) {
        throw new AssertionError(
            "the context counted " + client.decryptedCount() + ", not " + decrypted);
      }
    }
    return results;
  }
}
