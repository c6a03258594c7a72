package dev.rdpprobe.connect;

import dev.rdpprobe.tls.TlsRecordHeader;
import dev.rdpprobe.tls.TlsRecordObserver;
import dev.rdpprobe.tls.TlsSide;
import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.credssp.EarlyUserAuthorizationResult;
import dev.rdpprobe.wire.credssp.TsRequest;
import dev.rdpprobe.wire.x224.TpktHeader;
import io.netty.buffer.ByteBuf;

/**
 * How the next inbound PDU is framed: each connector state names one, and the connector cuts frames
 * with it before decoding (ARCHITECTURE.md, The connector: framing per state).
 */
public interface FrameHint {
  /** What the frame is, for error messages ({@code "TPKT"}). */
  String name();

  /**
   * The length of the frame at the reader index, without consuming anything, or {@code -1} if more
   * bytes are needed to tell.
   *
   * @throws DecodeException if the bytes cannot start such a frame
   */
  int frameLength(ByteBuf in);

  /** The largest frame this hint accepts; a longer declared length is malformed input. */
  int maxLength();

  /**
   * What bytes that do not start such a frame look like, in a sentence for the trace, e.g. {@code
   * peer sent 12 bytes that do not start a TPKT frame (they look like an HTTP response)}.
   */
  default String describeUnframeable(ByteBuf pending) {
    String looksLike = FirstBytes.describe(pending);
    return "peer sent "
        + pending.readableBytes()
        + " bytes that do not start a "
        + name()
        + " frame"
        + (looksLike.isEmpty() ? "" : " (they look like " + looksLike + ")");
  }

  /** A slow-path PDU in a TPKT header (RFC 1006). */
  FrameHint TPKT =
      new FrameHint() {
        @Override
        public String name() {
          return TpktHeader.NAME;
        }

        @Override
        public int frameLength(ByteBuf in) {
          return TpktHeader.frameLength(in);
        }

        @Override
        public int maxLength() {
          return TpktHeader.MAX_LENGTH;
        }
      };

  /**
   * A CredSSP TSRequest (MS-CSSP 2.2.1): a DER SEQUENCE ({@code 30} and a definite length), sent as
   * TLS application data.
   */
  FrameHint TS_REQUEST =
      new FrameHint() {
        @Override
        public String name() {
          return TsRequest.NAME;
        }

        @Override
        public int frameLength(ByteBuf in) {
          return TsRequest.frameLength(in);
        }

        @Override
        public int maxLength() {
          return TsRequest.MAX_LENGTH;
        }
      };

  /**
   * The Early User Authorization Result PDU (MS-RDPBCGR 2.2.10.2): four octets, with no TPKT or DER
   * around them.
   */
  FrameHint EARLY_USER_AUTHORIZATION_RESULT =
      new FrameHint() {
        @Override
        public String name() {
          return EarlyUserAuthorizationResult.NAME;
        }

        @Override
        public int frameLength(ByteBuf in) {
          return EarlyUserAuthorizationResult.frameLength(in);
        }

        @Override
        public int maxLength() {
          return EarlyUserAuthorizationResult.FIXED_PART_SIZE;
        }
      };

  /** A TLS record from the server (RFC 8446 5.1). */
  FrameHint TLS_RECORD = tlsRecord(TlsSide.SERVER);

  /** A TLS record from {@code sender}; bytes that are not TLS are named by what they look like. */
  static FrameHint tlsRecord(TlsSide sender) {
    return new FrameHint() {
      @Override
      public String name() {
        return TlsRecordHeader.NAME;
      }

      @Override
      public int frameLength(ByteBuf in) {
        return TlsRecordHeader.frameLength(in);
      }

      @Override
      public int maxLength() {
        return TlsRecordHeader.FIXED_PART_SIZE + TlsRecordHeader.MAX_LENGTH;
      }

      @Override
      public String describeUnframeable(ByteBuf pending) {
        return TlsRecordObserver.describeNotTls(sender, pending);
      }
    };
  }
}
