package dev.rdpprobe.tls;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
  static List<TrustedCertificate> read(Path file) throws IOException, Unreadable {
    byte[] store;
    try (InputStream in = Files.newInputStream(file)) {
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
    ByteArrayInputStream bytes = new ByteArrayInputStream(store);
    DataInputStream in = new DataInputStream(bytes);
    try {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new Unreadable(String.format("not a JKS store: magic 0x%08X", magic));
      }
      int version = in.readInt();
      if (version != 1 && version != 2) {
        throw new Unreadable("JKS version " + version + ", not 1 or 2");
      }
      int count = in.readInt();
      if (count < 0 || count > MAX_ENTRIES || count > bytes.available() / MIN_ENTRY_BYTES) {
        throw new Unreadable(
            "an entry count of " + count + " for " + bytes.available() + " bytes of entries");
      }
      // by alias, the last entry of an alias replacing an earlier one, as the JDK's loader does
      Map<String, List<byte[]>> entries = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        int tag = in.readInt();
        String where = "entry " + (i + 1);
        String alias = in.readUTF();
        // the JDK keeps the alias as stored but looks it up lower-cased
        if (!alias.equals(alias.toLowerCase(Locale.ENGLISH))) {
          throw new Unreadable(where + ": alias " + alias + " is not in lower case");
        }
        in.readLong(); // creation date
        List<byte[]> certificates = new ArrayList<>(1);
        if (tag == TAG_PRIVATE_KEY) {
          bytes.skip(length(in, bytes, where + " key"));
          int chain = in.readInt();
          if (chain < 0 || chain > bytes.available() / 4) {
            throw new Unreadable(where + ": a chain of " + chain + " certificates");
          }
          for (int j = 0; j < chain; j++) {
            certificates.add(certificate(in, bytes, version, where + " certificate " + (j + 1)));
          }
        } else if (tag == TAG_TRUSTED_CERTIFICATE) {
          certificates.add(certificate(in, bytes, version, where));
        } else {
          throw new Unreadable(where + ": tag " + tag + ", neither 1 (key) nor 2 (certificate)");
        }
        entries.remove(alias);
        entries.put(alias, certificates);
      }
      if (bytes.available() != DIGEST_BYTES) {
        throw new Unreadable(
            bytes.available() + " bytes after the entries, not a " + DIGEST_BYTES + "-byte digest");
      }
      // a trusted certificate, or a key's own certificate (the first of its chain); once each
      List<TrustedCertificate> out = new ArrayList<>(entries.size());
      Set<ByteBuffer> seen = new HashSet<>();
      for (Map.Entry<String, List<byte[]>> e : entries.entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        byte[] der = e.getValue().get(0);
        if (seen.add(ByteBuffer.wrap(der))) {
          out.add(new TrustedCertificate(subjectOf(der, "the certificate of " + e.getKey()), der));
        }
      }
      return out;
    } catch (IOException e) {
      // EOFException or UTFDataFormatException: the bytes end inside an entry or are not UTF
      throw new Unreadable("a truncated or malformed JKS store: " + e);
    }
  }

  private static int length(DataInputStream in, ByteArrayInputStream bytes, String what)
      throws IOException, Unreadable {
    int length = in.readInt();
    if (length < 0 || length > bytes.available()) {
      throw new Unreadable(
          what + ": a length of " + length + " with " + bytes.available() + " bytes left");
    }
    return length;
  }

  private static byte[] certificate(
      DataInputStream in, ByteArrayInputStream bytes, int version, String where)
      throws IOException, Unreadable {
    if (version == 2) {
      String type = in.readUTF();
      if (!type.equals("X.509")) {
        throw new Unreadable(where + ": certificate type " + type + ", not X.509");
      }
    }
    byte[] der = in.readNBytes(length(in, bytes, where));
    // the JDK reads one certificate from these bytes; only a single DER structure is unambiguous
    Der outer = Der.at(der, 0, der.length, 0x30, where);
    if (outer.end() != der.length) {
      throw new Unreadable(
          where + ": " + (der.length - outer.end()) + " bytes after the certificate");
    }
    return der;
  }

  /**
   * The DER of a certificate's subject Name (RFC 5280 section 4.1: Certificate SEQUENCE,
   * tbsCertificate SEQUENCE, optional [0] version, serialNumber, signature, issuer, validity,
   * subject), every length checked against its enclosing structure.
   *
   * @throws Unreadable if the fields before the subject are not there as RFC 5280 lays them out
   */
  static byte[] subjectOf(byte[] certificate, String what) throws Unreadable {
    Der outer = Der.at(certificate, 0, certificate.length, 0x30, what);
    Der tbs = Der.at(certificate, outer.content(), outer.end(), 0x30, what + " tbsCertificate");
    int at = tbs.content();
    if (at < tbs.end() && (certificate[at] & 0xFF) == 0xA0) {
      at = Der.at(certificate, at, tbs.end(), 0xA0, what + " version").end();
    }
    at = Der.at(certificate, at, tbs.end(), 0x02, what + " serialNumber").end();
    at = Der.at(certificate, at, tbs.end(), 0x30, what + " signature").end();
    at = Der.at(certificate, at, tbs.end(), 0x30, what + " issuer").end();
    at = Der.at(certificate, at, tbs.end(), 0x30, what + " validity").end();
    Der subject = Der.at(certificate, at, tbs.end(), 0x30, what + " subject");
    return Arrays.copyOfRange(certificate, subject.start(), subject.end());
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
            String.format("%s: tag 0x%02X at byte %d, not 0x%02X", what, b[at] & 0xFF, at, tag));
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
