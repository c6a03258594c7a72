package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsFailure;
import dev.rdpprobe.tls.TlsSession;
import io.netty.buffer.ByteBuf;
import java.util.List;

/** A completed TLS session (client or server) as the connection's record layer. */
public final class TlsSecureLayer implements SecureLayer {
  private final TlsSession session;

  /** The layer over a session whose handshake is complete. */
  public TlsSecureLayer(TlsSession session) {
    this.session = session;
  }

  @Override
  public String name() {
    return session.facts().version() == null ? "TLS" : session.facts().version().toString();
  }

  @Override
  public byte[] unwrap(ByteBuf received) {
    try {
      session.receive(received);
    } catch (TlsFailure f) {
      throw new SecureLayerException(f.getMessage(), f.alert().isPresent());
    }
    return session.readApplication();
  }

  @Override
  public byte[] wrap(byte[] plaintext) {
    try {
      session.writeApplication(plaintext);
    } catch (TlsFailure f) {
      throw new SecureLayerException(f.getMessage(), f.alert().isPresent());
    }
    return session.takeOutput();
  }

  @Override
  public List<byte[]> takeOutput() {
    byte[] out = session.takeOutput();
    return out.length == 0 ? List.of() : List.of(out);
  }
}
