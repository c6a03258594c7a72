package dev.rdpprobe.tls;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of a Certificate handshake message in either layout: TLS 1.2 and older (RFC 5246 section
 * 7.4.2: a list of DER certificates) or TLS 1.3 (RFC 8446 section 4.4.2: a request context and
 * entries that each carry extensions).
 *
 * @param tls13 whether it is the TLS 1.3 layout
 * @param requestContext the TLS 1.3 {@code certificate_request_context}; empty for TLS 1.2
 * @param entries the chain, leaf first, as sent
 */
public record TlsCertificateMessage(boolean tls13, Octets requestContext, List<Entry> entries)
    implements Pdu {

  /** The name used in decode errors and traces. */
  public static final String NAME = "Certificate";

  /** HandshakeType certificate. */
  public static final int HANDSHAKE_TYPE = 11;

  /**
   * One certificate.
   *
   * @param certificate the DER of the certificate ({@code cert_data}), as sent
   * @param extensions the TLS 1.3 entry's extensions block (without its length); empty for TLS 1.2
   */
  public record Entry(Octets certificate, Octets extensions) {
    public Entry {
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(extensions, "extensions");
      if (certificate.length() < 1 || certificate.length() > 0xFFFFFF) {
        throw new IllegalArgumentException(
            "cert_data length out of range: " + certificate.length());
      }
      if (extensions.length() > 0xFFFF) {
        throw new IllegalArgumentException("entry extensions too long");
      }
    }
  }

  public TlsCertificateMessage {
    Objects.requireNonNull(requestContext, "requestContext");
    entries = List.copyOf(entries);
    if (!tls13 && requestContext.length() > 0) {
      throw new IllegalArgumentException("a TLS 1.2 Certificate has no request context");
    }
    if (requestContext.length() > 0xFF) {
      throw new IllegalArgumentException("certificate_request_context too long");
    }
    for (Entry e : entries) {
      if (!tls13 && e.extensions().length() > 0) {
        throw new IllegalArgumentException("a TLS 1.2 certificate entry has no extensions");
      }
    }
    if (listSize(tls13, entries) > 0xFFFFFF) {
      throw new IllegalArgumentException("certificate_list too long");
    }
  }

  /** Reads a Certificate body in the layout of {@code tls13}; it must fill {@code in}. */
  public static TlsCertificateMessage decode(ByteBuf in, boolean tls13) {
    Octets context =
        tls13 ? TlsCodec.vector(in, 1, 0, 0xFF, NAME, "certificate_request_context") : Octets.EMPTY;
    int at = in.readerIndex();
    int total = TlsCodec.u24(in, NAME, "certificate_list length");
    if (total != in.readableBytes()) {
      throw Wire.invalid(
          NAME,
          "certificate_list length",
          at,
          total,
          in.readableBytes() + " (the rest of the message)");
    }
    List<Entry> entries = new ArrayList<>();
    while (in.isReadable()) {
      Octets cert = TlsCodec.vector(in, 3, 1, 0xFFFFFF, NAME, "cert_data");
      Octets ext = tls13 ? TlsCodec.vector(in, 2, 0, 0xFFFF, NAME, "extensions") : Octets.EMPTY;
      entries.add(new Entry(cert, ext));
    }
    return new TlsCertificateMessage(tls13, context, entries);
  }

  /** A decoder for one layout, for code that takes a {@code Function<ByteBuf, T>}. */
  public static TlsCertificateMessage decodeTls12(ByteBuf in) {
    return decode(in, false);
  }

  /** A decoder for the TLS 1.3 layout. */
  public static TlsCertificateMessage decodeTls13(ByteBuf in) {
    return decode(in, true);
  }

  @Override
  public String name() {
    return NAME;
  }

  private static int listSize(boolean tls13, List<Entry> entries) {
    int n = 0;
    for (Entry e : entries) {
      n += 3 + e.certificate().length() + (tls13 ? 2 + e.extensions().length() : 0);
    }
    return n;
  }

  @Override
  public int size() {
    return (tls13 ? 1 + requestContext.length() : 0) + 3 + listSize(tls13, entries);
  }

  @Override
  public void encode(ByteBuf out) {
    if (tls13) {
      TlsCodec.writeVector(out, 1, requestContext);
    }
    out.writeMedium(listSize(tls13, entries));
    for (Entry e : entries) {
      TlsCodec.writeVector(out, 3, e.certificate());
      if (tls13) {
        TlsCodec.writeVector(out, 2, e.extensions());
      }
    }
  }

  /** The certificates' DER, leaf first. */
  public List<Octets> certificates() {
    List<Octets> out = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      out.add(e.certificate());
    }
    return out;
  }

  /** {@code chain=2 leaf=CN=host}; the leaf subject is {@code unparseable} if its DER is bad. */
  @Override
  public String summary() {
    if (entries.isEmpty()) {
      return "chain=0 (no certificate)";
    }
    return "chain="
        + entries.size()
        + " leaf="
        + CertificateFacts.subjectOf(entries.get(0).certificate());
  }
}
