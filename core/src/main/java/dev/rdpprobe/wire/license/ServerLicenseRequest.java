package dev.rdpprobe.wire.license;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Utf16;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.gcc.ServerCertificate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Server License Request, SERVER_LICENSE_REQUEST (MS-RDPELE 2.2.2.1): the server's opening of the
 * licensing exchange, which a client answers with a Client New License Request ({@link
 * NewLicenseRequest}) or with a license it holds.
 *
 * <p>The record keeps the message's bytes as they came, so it re-encodes byte for byte and a
 * License Request the codec cannot read is still named in a trace. {@link #contents()} (and the
 * accessors that read one field of it) decode the fields on demand: ServerRandom, ProductInfo,
 * KeyExchangeList, ServerCertificate and ScopeList, and raise {@link DecodeException} for a
 * malformed message, with offsets that count from the message's first byte (after the preamble).
 *
 * @param body the message after the preamble
 */
public record ServerLicenseRequest(Octets body) implements LicenseMessage {
  public static final String NAME = "SERVER_LICENSE_REQUEST";

  /** The length of ServerRandom. */
  public static final int SERVER_RANDOM_LENGTH = 32;

  /** KEY_EXCHANGE_ALG_RSA, the one key exchange algorithm of the KeyExchangeList. */
  public static final int KEY_EXCHANGE_ALG_RSA = 0x00000001;

  public ServerLicenseRequest {
    Objects.requireNonNull(body, "body");
    if (body.length() > 0xFFFF - LicensePreamble.FIXED_PART_SIZE) {
      throw new IllegalArgumentException("message too long: " + body.length());
    }
  }

  /**
   * The fields of a Server License Request.
   *
   * @param serverRandom ServerRandom (32 bytes)
   * @param productInfo ProductInfo
   * @param keyExchangeList KeyExchangeList (BB_KEY_EXCHG_ALG_BLOB): 32-bit algorithm ids
   * @param serverCertificate the data of ServerCertificate (BB_CERTIFICATE_BLOB); empty when the
   *     server sends none, as under TLS it may
   * @param scopeList the scope names of ScopeList (ScopeCount, then a BB_SCOPE_BLOB each), without
   *     their terminating NUL (ANSI on the wire, read as ISO-8859-1)
   */
  public record Contents(
      Octets serverRandom,
      ProductInfo productInfo,
      LicenseBinaryBlob keyExchangeList,
      ServerCertificate serverCertificate,
      List<String> scopeList) {
    public Contents {
      Objects.requireNonNull(serverRandom, "serverRandom");
      Objects.requireNonNull(productInfo, "productInfo");
      Objects.requireNonNull(keyExchangeList, "keyExchangeList");
      Objects.requireNonNull(serverCertificate, "serverCertificate");
      scopeList = List.copyOf(scopeList);
      if (serverRandom.length() != SERVER_RANDOM_LENGTH) {
        throw new IllegalArgumentException(
            "ServerRandom is not 32 bytes: " + serverRandom.length());
      }
      if (keyExchangeList.blobData().length() % 4 != 0) {
        throw new IllegalArgumentException("KeyExchangeList is not a list of 32-bit ids");
      }
    }

    /** The algorithm ids of KeyExchangeList, in order ({@link #KEY_EXCHANGE_ALG_RSA}). */
    public List<Integer> keyExchangeAlgorithms() {
      Octets d = keyExchangeList.blobData();
      List<Integer> ids = new ArrayList<>(d.length() / 4);
      for (int i = 0; i + 4 <= d.length(); i += 4) {
        ids.add(d.getIntLE(i));
      }
      return List.copyOf(ids);
    }
  }

  /** Reads the message: the whole readable part of the buffer. Its fields are read on demand. */
  public static ServerLicenseRequest decode(ByteBuf in) {
    return new ServerLicenseRequest(Octets.read(in, in.readableBytes(), NAME, "body"));
  }

  /**
   * The message with these fields: the names are written NUL-terminated, the company name and
   * product id in UTF-16LE, the scopes in ISO-8859-1 (each char must be 1 to 0xFF).
   */
  public static ServerLicenseRequest of(Contents contents) {
    ByteBuf out = Unpooled.buffer();
    try {
      writeContents(out, contents);
      byte[] bytes = new byte[out.readableBytes()];
      out.readBytes(bytes);
      return new ServerLicenseRequest(Octets.of(bytes));
    } finally {
      out.release();
    }
  }

  private static void writeContents(ByteBuf out, Contents contents) {
    contents.serverRandom().writeTo(out);
    out.writeIntLE(contents.productInfo().dwVersion());
    writeUtf16z(out, contents.productInfo().companyName());
    writeUtf16z(out, contents.productInfo().productId());
    contents.keyExchangeList().encode(out);
    new LicenseBinaryBlob(
            LicenseBinaryBlob.BB_CERTIFICATE_BLOB, contents.serverCertificate().bytes())
        .encode(out);
    out.writeIntLE(contents.scopeList().size());
    for (String scope : contents.scopeList()) {
      new LicenseBinaryBlob(LicenseBinaryBlob.BB_SCOPE_BLOB, ansiz(scope, "scope")).encode(out);
    }
  }

  private static void writeUtf16z(ByteBuf out, String s) {
    out.writeIntLE(2 * (s.length() + 1));
    Utf16.write(out, s);
    out.writeShortLE(0);
  }

  /** {@code s} in ISO-8859-1 with a terminating NUL; every char must be 1 to 0xFF. */
  static Octets ansiz(String s, String what) {
    byte[] b = new byte[s.length() + 1];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c > 0xFF) {
        throw new IllegalArgumentException(
            what + " has a char outside 1 to 0xFF at " + i + ": " + (int) c);
      }
      b[i] = (byte) c;
    }
    return Octets.of(b);
  }

  /** The text of ANSI bytes up to the first NUL, read as ISO-8859-1. */
  static String ansi(Octets data) {
    byte[] b = data.toByteArray();
    int n = 0;
    while (n < b.length && b[n] != 0) {
      n++;
    }
    return new String(b, 0, n, StandardCharsets.ISO_8859_1);
  }

  /**
   * Decodes the fields.
   *
   * @throws DecodeException if the message is malformed: a field runs past the end, a length is odd
   *     or too long, a non-empty blob has the wrong type, or bytes follow the ScopeList
   */
  public Contents contents() {
    ByteBuf in = body.asByteBuf();
    Octets random = Octets.read(in, SERVER_RANDOM_LENGTH, NAME, "ServerRandom");
    Wire.ensure(in, 4, ProductInfo.NAME, "dwVersion");
    int version = in.readIntLE();
    String company = utf16z(in, "cbCompanyName", "pbCompanyName");
    String product = utf16z(in, "cbProductId", "pbProductId");
    int listAt = in.readerIndex();
    LicenseBinaryBlob keyExchange =
        LicenseBinaryBlob.decode(
            in, LicenseBinaryBlob.BB_KEY_EXCHG_ALG_BLOB, NAME, "KeyExchangeList");
    if (keyExchange.blobData().length() % 4 != 0) {
      throw Wire.invalid(
          NAME,
          "KeyExchangeList.wBlobLen",
          listAt + 2,
          keyExchange.blobData().length(),
          "a multiple of 4 (32-bit algorithm ids)");
    }
    LicenseBinaryBlob certificate =
        LicenseBinaryBlob.decode(
            in, LicenseBinaryBlob.BB_CERTIFICATE_BLOB, NAME, "ServerCertificate");
    Wire.ensure(in, 4, NAME, "ScopeCount");
    int countAt = in.readerIndex();
    long count = in.readUnsignedIntLE();
    if (count > in.readableBytes() / LicenseBinaryBlob.FIXED_PART_SIZE) {
      throw Wire.invalid(
          NAME,
          "ScopeCount",
          countAt,
          count,
          "at most "
              + in.readableBytes() / LicenseBinaryBlob.FIXED_PART_SIZE
              + " (4 bytes a scope)");
    }
    List<String> scopes = new ArrayList<>((int) count);
    for (int i = 0; i < count; i++) {
      scopes.add(
          ansi(
              LicenseBinaryBlob.decode(in, LicenseBinaryBlob.BB_SCOPE_BLOB, NAME, "ScopeArray")
                  .blobData()));
    }
    Wire.ensureEnd(in, NAME);
    return new Contents(
        random,
        new ProductInfo(version, company, product),
        keyExchange,
        new ServerCertificate(certificate.blobData()),
        scopes);
  }

  /** A 32-bit byte count, then that many bytes of UTF-16LE text; the text up to its first NUL. */
  private static String utf16z(ByteBuf in, String lengthField, String textField) {
    Wire.ensure(in, 4, ProductInfo.NAME, lengthField);
    int at = in.readerIndex();
    long cb = in.readUnsignedIntLE();
    if (cb % 2 != 0 || cb > in.readableBytes()) {
      throw Wire.invalid(
          ProductInfo.NAME,
          lengthField,
          at,
          cb,
          "an even count of at most " + in.readableBytes() + " bytes (the bytes left)");
    }
    String s = Utf16.read(in, (int) cb / 2, ProductInfo.NAME, textField);
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  /** ServerRandom. @throws DecodeException if the message is malformed */
  public Octets serverRandom() {
    return contents().serverRandom();
  }

  /** ProductInfo. @throws DecodeException if the message is malformed */
  public ProductInfo productInfo() {
    return contents().productInfo();
  }

  /** The KeyExchangeList blob. @throws DecodeException if the message is malformed */
  public LicenseBinaryBlob keyExchangeList() {
    return contents().keyExchangeList();
  }

  /**
   * The server's certificate, the data of the ServerCertificate blob: empty when the server sent
   * none. @throws DecodeException if the message is malformed
   */
  public ServerCertificate serverCertificate() {
    return contents().serverCertificate();
  }

  /** The scope names of ScopeList. @throws DecodeException if the message is malformed */
  public List<String> scopeList() {
    return contents().scopeList();
  }

  @Override
  public LicenseMessageType messageType() {
    return LicenseMessageType.LICENSE_REQUEST;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return body.length();
  }

  @Override
  public void encode(ByteBuf out) {
    body.writeTo(out);
  }

  /**
   * The product, the key exchange algorithms, the certificate and the scopes, e.g. {@code
   * ProductInfo=Microsoft Corporation 236 4.0, KeyExchangeList=[0x01], ServerCertificate=
   * CERT_CHAIN_VERSION_1, 184 bytes, ScopeList=[microsoft.com]}; or the size and the error of a
   * malformed message.
   */
  @Override
  public String summary() {
    Contents c;
    try {
      c = contents();
    } catch (DecodeException e) {
      return body.length() + " bytes, malformed: " + e.getMessage();
    }
    StringBuilder algs = new StringBuilder("[");
    for (int id : c.keyExchangeAlgorithms()) {
      algs.append(algs.length() > 1 ? ", " : "").append(Wire.hex(id & 0xFFFFFFFFL));
    }
    return "ProductInfo="
        + c.productInfo()
        + ", KeyExchangeList="
        + algs.append(']')
        + ", ServerCertificate="
        + c.serverCertificate()
        + ", ScopeList="
        + c.scopeList();
  }
}
