package dev.rdpprobe.tls;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The certificates a JKS key store (the format of the JDK's {@code cacerts}, magic {@code
 * 0xFEEDFEED}) makes trust anchors, read as bytes: each certificate's DER and its subject's DER,
 * found by a bounded walk of the certificate's first fields, without parsing the rest. Reading a
 * public bundle this way costs a small fraction of what the JDK's key store and certificate parsing
 * cost in a cold process.
 *
 * <p>It takes what the JDK's default trust manager takes from such a store, loaded without a
 * password: each trusted certificate entry's certificate and the first certificate of each private
 * key entry's chain, once each. Whatever it would not read exactly as the JDK does (another format,
 * a certificate type other than X.509, an alias the JDK would look up under another name, a
 * certificate that is not one DER structure) is {@link Unreadable}, so that the caller lets the JDK
 * read the store instead.
 *
 * <p>Layout, as the JDK's {@code JavaKeyStore} writes it (big-endian; UTF is a 2-byte length and
 * modified UTF-8): magic, version (1 or 2), entry count; per entry a tag, then for 1 (private key)
 * alias, date, key length and bytes, chain length, per certificate [version 2: type] length and
 * bytes; for 2 (trusted certificate) alias, date, [version 2: type] length and bytes; then a
 * 20-byte keyed SHA-1 digest, which only a password can check.
 */
final class JksTrustedCertificates {
  static final int MAGIC = 0xFEEDFEED;

  /** The largest store read; a public bundle is about 200 KB. */
  static final int MAX_STORE_BYTES = 16 * 1024 * 1024;

  /** The most entries a store may declare; a public bundle has about 150. */
  static final int MAX_ENTRIES = 10_000;

  private static final int DIGEST_BYTES = 20;
  private static final int TAG_PRIVATE_KEY = 1;
  private static final int TAG_TRUSTED_CERTIFICATE = 2;

  /** The smallest entry: tag, alias length, date, certificate length. */
  private static final int MIN_ENTRY_BYTES = 4 + 2 + 8 + 4;

  private JksTrustedCertificates() {}

  /** A store that this reader does not read, and why; the JDK's reader may still read it. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message);
    }
  }

  /** One trust anchor of the store: its subject Name's DER and the certificate's DER. */
  record TrustedCertificate(byte[] subject, byte[] der) {}

  /**
   * The anchors of a store file.
   *
   * @throws Unreadable if it is larger than {@link #MAX_STORE_BYTES} or as {@link #read(byte[])}
   * @throws IOException if the file cannot be read
   */
  static List<TrustedCertificate> read(File file) throws IOException, Unreadable {
    byte[] store;
    try (InputStream in = new FileInputStream(file)) {
      store = in.readNBytes(MAX_STORE_BYTES + 1);
    }
    if (store.length > MAX_STORE_BYTES) {
      throw new Unreadable(file + " is larger than " + MAX_STORE_BYTES + " bytes");
    }
    return read(store);
  }

  /**
   * The anchors of a store's bytes, in the store's order.
   *
   * @throws Unreadable if the bytes are not a JKS store this reader reads exactly as the JDK does
   */
  static List<TrustedCertificate> read(byte[] store) throws Unreadable {
    Entries entries = new Entries(store);
    try {
      return entries.read();
    } catch (IOException e) {
      // EOFException or UTFDataFormatException: the bytes end inside an entry or are not UTF
      throw new Unreadable("a truncated or malformed JKS store, entry " + entries.entry + ": " + e);
    }
  }

  /**
   * The DER of a certificate's subject Name (RFC 5280 section 4.1: Certificate SEQUENCE,
   * tbsCertificate SEQUENCE, optional [0] version, serialNumber, signature, issuer, validity,
   * subject), every length checked against its enclosing structure.
   *
   * @throws Unreadable if the fields before the subject are not there as RFC 5280 lays them out
   */
  static byte[] subjectOf(byte[] certificate) throws Unreadable {
    Der outer = Der.at(certificate, 0, certificate.length, 0x30, "Certificate");
    Der tbs = Der.at(certificate, outer.content(), outer.end(), 0x30, "tbsCertificate");
    int at = tbs.content();
    if (at < tbs.end() && (certificate[at] & 0xFF) == 0xA0) {
      at = Der.at(certificate, at, tbs.end(), 0xA0, "version").end();
    }
    at = Der.at(certificate, at, tbs.end(), 0x02, "serialNumber").end();
    at = Der.at(certificate, at, tbs.end(), 0x30, "signature").end();
    at = Der.at(certificate, at, tbs.end(), 0x30, "issuer").end();
    at = Der.at(certificate, at, tbs.end(), 0x30, "validity").end();
    Der subject = Der.at(certificate, at, tbs.end(), 0x30, "subject");
    return Arrays.copyOfRange(certificate, subject.start(), subject.end());
  }

  /** The entries of one store, read in order; messages are made only for a failure. */
  private static final class Entries {
    private final ByteArrayInputStream bytes;
    private final DataInputStream in;
    private int version;
    private int entry;

    Entries(byte[] store) {
      this.bytes = new ByteArrayInputStream(store);
      this.in = new DataInputStream(bytes);
    }

    List<TrustedCertificate> read() throws IOException, Unreadable {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new Unreadable("not a JKS store: magic 0x" + Integer.toHexString(magic));
      }
      version = in.readInt();
      if (version != 1 && version != 2) {
        throw new Unreadable("JKS version " + version + ", not 1 or 2");
      }
      int count = in.readInt();
      if (count < 0 || count > MAX_ENTRIES || count > bytes.available() / MIN_ENTRY_BYTES) {
        throw new Unreadable(
            "an entry count of " + count + " for " + bytes.available() + " bytes of entries");
      }
      // by alias, the last entry of an alias replacing an earlier one, as the JDK's loader does
      Map<String, byte[]> firstCertificates = new LinkedHashMap<>();
      for (entry = 1; entry <= count; entry++) {
        int tag = in.readInt();
        String alias = in.readUTF();
        // the JDK keeps the alias as stored but looks it up lower-cased
        if (!alias.equals(alias.toLowerCase(Locale.ENGLISH))) {
          throw failure("alias " + alias + " is not in lower case");
        }
        in.readLong(); // creation date
        byte[] first = null;
        if (tag == TAG_PRIVATE_KEY) {
          bytes.skip(length("key"));
          int chain = in.readInt();
          if (chain < 0 || chain > bytes.available() / 4) {
            throw failure("a chain of " + chain + " certificates");
          }
          for (int j = 0; j < chain; j++) {
            byte[] der = certificate();
            if (j == 0) {
              first = der;
            }
          }
        } else if (tag == TAG_TRUSTED_CERTIFICATE) {
          first = certificate();
        } else {
          throw failure("tag " + tag + ", neither 1 (key) nor 2 (certificate)");
        }
        firstCertificates.remove(alias);
        firstCertificates.put(alias, first);
      }
      if (bytes.available() != DIGEST_BYTES) {
        throw new Unreadable(
            bytes.available() + " bytes after the entries, not a " + DIGEST_BYTES + "-byte digest");
      }
      // a trusted certificate, or a key's own certificate (the first of its chain); once each,
      // compared with those of the same length (hashing whole certificates costs more, cold)
      List<TrustedCertificate> out = new ArrayList<>(firstCertificates.size());
      Map<Integer, List<byte[]>> byLength = new HashMap<>();
      for (Map.Entry<String, byte[]> e : firstCertificates.entrySet()) {
        byte[] der = e.getValue();
        if (der == null) {
          continue; // a key without a chain
        }
        List<byte[]> sameLength = byLength.get(der.length);
        if (sameLength == null) {
          sameLength = new ArrayList<>(1);
          byLength.put(der.length, sameLength);
        }
        if (!contains(sameLength, der)) {
          sameLength.add(der);
          try {
            out.add(new TrustedCertificate(subjectOf(der), der));
          } catch (Unreadable u) {
            throw new Unreadable("the certificate of " + e.getKey() + ": " + u.getMessage());
          }
        }
      }
      return out;
    }

    private static boolean contains(List<byte[]> certificates, byte[] der) {
      for (byte[] c : certificates) {
        if (Arrays.equals(c, der)) {
          return true;
        }
      }
      return false;
    }

    private int length(String what) throws IOException, Unreadable {
      int length = in.readInt();
      if (length < 0 || length > bytes.available()) {
        throw failure(
            what + ": a length of " + length + " with " + bytes.available() + " bytes left");
      }
      return length;
    }

    private byte[] certificate() throws IOException, Unreadable {
      if (version == 2) {
        String type = in.readUTF();
        if (!type.equals("X.509")) {
          throw failure("certificate type " + type + ", not X.509");
        }
      }
      byte[] der = in.readNBytes(length("certificate"));
      // the JDK reads one certificate from these bytes; only a single DER structure is plain
      int end;
      try {
        end = Der.at(der, 0, der.length, 0x30, "Certificate").end();
      } catch (Unreadable u) {
        throw failure(u.getMessage());
      }
      if (end != der.length) {
        throw failure((der.length - end) + " bytes after the certificate");
      }
      return der;
    }

    private Unreadable failure(String what) {
      return new Unreadable("entry " + entry + ": " + what);
    }
  }

  /** One DER TLV: where it starts, where its content starts, where it ends. */
  private record Der(int start, int content, int end) {
    /**
     * The TLV at {@code at} with tag {@code tag}, within {@code limit}: a one-byte tag and a
     * definite length in the fewest bytes (X.690 section 10.1), up to four.
     */
    static Der at(byte[] b, int at, int limit, int tag, String what) throws Unreadable {
      if (limit - at < 2) {
        throw new Unreadable(what + ": missing at byte " + at);
      }
      if ((b[at] & 0xFF) != tag) {
        throw new Unreadable(
            what
                + ": tag 0x"
                + Integer.toHexString(b[at] & 0xFF)
                + " at byte "
                + at
                + ", not 0x"
                + Integer.toHexString(tag));
      }
      int first = b[at + 1] & 0xFF;
      int content = at + 2;
      long length;
      if (first < 0x80) {
        length = first;
      } else {
        int n = first & 0x7F;
        if (n == 0 || n > 4 || limit - content < n || b[content] == 0) {
          throw new Unreadable(what + ": length octets 0x" + Integer.toHexString(first));
        }
        length = 0;
        for (int i = 0; i < n; i++) {
          length = (length << 8) | (b[content + i] & 0xFF);
        }
        content += n;
        if (length < 0x80) {
          throw new Unreadable(what + ": a length of " + length + " in the long form");
        }
      }
      if (length > limit - content) {
        throw new Unreadable(
            what + ": a length of " + length + " with " + (limit - content) + " bytes left");
      }
      return new Der(at, content, content + (int) length);
    }
  }
}
