package dev.rdpprobe.wire.mcs;

import dev.rdpprobe.wire.Pdu;
import io.netty.buffer.ByteBuf;
import java.util.function.Function;

/**
 * An MCS PDU in its TPKT and X.224 Data TPDU, as a {@link Pdu} for the vector helpers: {@code
 * encode} is the record's {@code encodeFramed}, {@link #decoder} wraps its {@code decodeFramed}.
 */
public record Framed<T extends McsPdu>(T pdu) implements Pdu {
  /** The framed decoder of a record whose framed decoder is {@code decodeFramed}. */
  public static <T extends McsPdu> Function<ByteBuf, Framed<T>> decoder(
      Function<ByteBuf, T> decodeFramed) {
    return in -> new Framed<>(decodeFramed.apply(in));
  }

  @Override
  public String name() {
    return pdu.name() + " (framed)";
  }

  @Override
  public int size() {
    return pdu.framedSize();
  }

  @Override
  public void encode(ByteBuf out) {
    pdu.encodeFramed(out);
  }
}
