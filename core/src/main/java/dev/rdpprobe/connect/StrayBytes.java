package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsAlert;
import dev.rdpprobe.tls.TlsMessage;
import dev.rdpprobe.tls.TlsRecordHeader;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.DisconnectProviderUltimatum;
import dev.rdpprobe.wire.mcs.McsPdu;
import dev.rdpprobe.wire.x224.TpktHeader;
import dev.rdpprobe.wire.x224.X224Data;
import dev.rdpprobe.wire.x224.X224DisconnectRequest;
import dev.rdpprobe.wire.x224.X224Tpdu;
import io.netty.buffer.ByteBuf;

/**
 * Names bytes that came where the current step cannot use them, when they are a whole PDU of
 * another layer: an X.224 TPDU or an MCS PDU in its TPKT where a TLS record was due (a server that
 * cannot load its certificate sends a Disconnect Provider Ultimatum in the clear), a TLS alert
 * where a TPKT was due. Such bytes are the server speaking, not noise, and the trace says what they
 * said. A capture's dissector names them the same way.
 */
public final class StrayBytes {
  private StrayBytes() {}

  /**
   * What the pending bytes start with.
   *
   * @param pdu the PDU they decode as, or {@code null} for an alert
   * @param alert the alert they decode as, or {@code null}
   * @param length how many bytes it takes
   */
  public record Stray(Pdu pdu, TlsAlert alert, int length) {
    /** Its name in the trace. */
    public String name() {
      return pdu != null
          ? pdu.name()
          : "TLS alert " + alert.levelName() + " " + alert.descriptionName();
    }

    /** Whether the peer said goodbye with it: an ultimatum, a Disconnect Request, a fatal alert. */
    public boolean isGoodbye() {
      return pdu instanceof DisconnectProviderUltimatum
          || pdu instanceof X224DisconnectRequest
          || (alert != null && alert.level() == TlsAlert.FATAL);
    }
  }

  /** The whole PDU {@code in}'s readable bytes start with, or {@code null}; reads nothing. */
  public static Stray recognize(ByteBuf in, TlsSide sender) {
    ByteBuf view = in.duplicate();
    try {
      if (view.readableBytes() >= TpktHeader.FIXED_PART_SIZE
          && view.getUnsignedByte(view.readerIndex()) == TpktHeader.VERSION) {
        int length = TpktHeader.frameLength(view);
        if (length < 0 || length > view.readableBytes()) {
          return null;
        }
        ByteBuf frame = view.slice(view.readerIndex(), length);
        X224Tpdu tpdu = X224Tpdu.decode(frame.duplicate());
        Pdu pdu = tpdu instanceof X224Data ? McsPdu.decodeFramed(frame.duplicate()) : tpdu;
        return new Stray(pdu, null, length);
      }
      int type = view.getUnsignedByte(view.readerIndex());
      if (type == TlsMessage.ALERT && view.readableBytes() >= ALERT_RECORD) {
        int length = TlsRecordHeader.frameLength(view);
        if (length == ALERT_RECORD) {
          int at = view.readerIndex() + TlsRecordHeader.FIXED_PART_SIZE;
          TlsAlert alert =
              new TlsAlert(sender, view.getUnsignedByte(at), view.getUnsignedByte(at + 1), "");
          return new Stray(null, alert, length);
        }
      }
    } catch (DecodeException e) {
      return null;
    }
    return null;
  }

  /** An alert record: the 5-byte record header and the 2-byte alert (RFC 8446 5.1, 6). */
  private static final int ALERT_RECORD = TlsRecordHeader.FIXED_PART_SIZE + 2;
}
