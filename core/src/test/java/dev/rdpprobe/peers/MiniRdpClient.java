package dev.rdpprobe.peers;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.McsFrame;
import dev.rdpprobe.wire.mcs.McsPdu;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/**
 * A blocking loopback client that writes encoded PDUs and reads whole frames (TPKT or fast-path),
 * for tests that walk a real server through the connection sequence one PDU at a time without the
 * connector.
 */
final class MiniRdpClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  MiniRdpClient(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends a PDU that writes its own TPKT header (the X.224 TPDUs). */
  void send(Pdu tpdu) throws IOException {
    out.write(Octets.encode(tpdu).toByteArray());
    out.flush();
  }

  /** Sends an MCS PDU in its TPKT and X.224 Data TPDU. */
  void sendMcs(McsPdu pdu) throws IOException {
    byte[] frame = new byte[McsFrame.size(pdu)];
    io.netty.buffer.ByteBuf b = io.netty.buffer.Unpooled.wrappedBuffer(frame);
    b.writerIndex(0);
    McsFrame.encode(b, pdu);
    out.write(frame);
    out.flush();
  }

  /** One whole frame, header included: a TPKT (first byte 3) or a fast-path PDU. */
  byte[] readFrame() throws IOException {
    int first = in.readUnsignedByte();
    if (first == 3) {
      byte[] head = new byte[3];
      in.readFully(head);
      int length = (head[1] & 0xFF) << 8 | head[2] & 0xFF;
      byte[] frame = new byte[length];
      frame[0] = 3;
      System.arraycopy(head, 0, frame, 1, 3);
      in.readFully(frame, 4, length - 4);
      return frame;
    }
    int b1 = in.readUnsignedByte();
    int length;
    byte[] start;
    if ((b1 & 0x80) != 0) {
      int b2 = in.readUnsignedByte();
      length = (b1 & 0x7F) << 8 | b2;
      start = new byte[] {(byte) first, (byte) b1, (byte) b2};
    } else {
      length = b1;
      start = new byte[] {(byte) first, (byte) b1};
    }
    byte[] frame = Arrays.copyOf(start, length);
    in.readFully(frame, start.length, length - start.length);
    return frame;
  }

  static boolean isFastPath(byte[] frame) {
    return (frame[0] & 0x03) == 0;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
