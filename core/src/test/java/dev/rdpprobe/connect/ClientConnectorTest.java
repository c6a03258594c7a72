package dev.rdpprobe.connect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.facts.NegotiationFacts;
import dev.rdpprobe.facts.ServerFacts;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.ClosedBy;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.trace.TraceHeader;
import dev.rdpprobe.trace.TraceWriter;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import dev.rdpprobe.wire.x224.NegotiationRequestFlags;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionConfirm;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The connector without a network: bytes in, bytes out, events. */
class ClientConnectorTest {
  private static final SecurityProtocols OFFER =
      SecurityProtocols.of(
          SecurityProtocols.SSL, SecurityProtocols.HYBRID, SecurityProtocols.HYBRID_EX);

  /** A Windows-style confirm selecting SSL (MS-RDPBCGR 2.2.1.2 layout, flags 0x1f). */
  private static final String CC_SSL = "03 00 00 13 0e d0 00 00 12 34 00 02 1f 08 00 01 00 00 00";

  /** xrdp-style RDP_NEG_FAILURE SSL_REQUIRED_BY_SERVER. */
  private static final String CC_FAILURE_1 =
      "03 00 00 13 0e d0 00 00 00 00 00 03 00 08 00 01 00 00 00";

  private final TraceWriter recorder =
      new TraceWriter(TraceHeader.of(TraceHeader.Origin.LIVE_PROBE, java.time.Instant.EPOCH));

  private ClientConnector connector(SecurityProtocols offer) {
    return ClientConnector.builder(
            ConnectorConfig.of(
                offer,
                NegotiationRequestFlags.NONE,
                new RequestToken.Cookie("probe"),
                null,
                Phase.X224_NEGOTIATION),
            recorder)
        .build();
  }

  private ServerFacts facts() {
    return ServerFacts.of(recorder.trace());
  }

  private static byte[] hex(String s) {
    return Octets.fromHex(s).toByteArray();
  }

  /** TCP is up at {@code nanos} and the first PDU is written at once. */
  private static void start(ClientConnector c, long nanos) {
    c.start(nanos);
    c.takeOutputWrittenNow();
  }

  private static void feed(ClientConnector c, byte[] bytes, long nanos) {
    ByteBuf buf = Unpooled.wrappedBuffer(bytes);
    try {
      c.receive(buf, nanos);
      assertFalse(buf.isReadable(), "the connector takes every byte");
    } finally {
      buf.release();
    }
  }

  @Test
  void sendsTheConnectionRequestOnConnect() {
    ClientConnector c = connector(OFFER);
    c.start(1_000);
    List<byte[]> out = c.takeOutputWrittenNow();
    assertEquals(1, out.size());
    X224ConnectionRequest expected =
        X224ConnectionRequest.of(
            new RequestToken.Cookie("probe"), dev.rdpprobe.wire.x224.NegotiationRequest.of(OFFER));
    ByteBuf buf = Unpooled.buffer();
    expected.encode(buf);
    byte[] bytes = new byte[buf.readableBytes()];
    buf.readBytes(bytes);
    buf.release();
    assertArrayEquals(bytes, out.get(0));
    assertEquals(Phase.X224_NEGOTIATION, c.phase());
    assertEquals("X.224 Connection Confirm", c.awaiting());
    assertTrue(c.takeOutputWrittenNow().isEmpty(), "output is handed out once");
  }

  @Test
  void confirmFedOneByteAtATimeSelectsSsl() {
    ClientConnector c = connector(OFFER);
    start(c, 0);
    byte[] cc = hex(CC_SSL);
    for (int i = 0; i < cc.length; i++) {
      assertFalse(c.isFinished(), "finished early at byte " + i);
      assertEquals(i, c.pendingBytes());
      feed(c, new byte[] {cc[i]}, 10 + i);
    }
    assertEquals(CloseKind.STOP_POINT_REACHED, c.finishKind());
    NegotiationFacts n = facts().negotiation();
    assertEquals(SecurityProtocols.SSL, n.selectedProtocol());
    assertEquals(0x1f, n.responseFlags().bits());
    assertEquals(0x1234, n.sourceReference());
    assertTrue(n.negotiationDataPresent());

    c.closeFinished(100);
    Trace trace = recorder.trace();
    TraceEvent.Pdu received = trace.lastPdu(Direction.SERVER_TO_CLIENT).orElseThrow();
    assertInstanceOf(X224ConnectionConfirm.class, received.pdu());
    assertArrayEquals(cc, received.raw());
    assertEquals(0, received.serverOffset());
    assertEquals(10 + cc.length - 1, received.nanos(), "recorded when the last byte came");
    TraceEvent.Closed closed = trace.closed().orElseThrow();
    assertEquals(CloseKind.STOP_POINT_REACHED, closed.kind());
    assertEquals(ClosedBy.CLIENT, closed.closedBy());
    assertEquals("X.224 Connection Request", closed.lastClientPdu());
    assertEquals("X.224 Connection Confirm", closed.lastServerPdu());
    assertEquals(cc.length, closed.serverOffset());
    assertEquals(100, closed.nanosSinceClientSent());
  }

  @Test
  void negotiationFailureIsARefusalWithItsCode() {
    ClientConnector c = connector(SecurityProtocols.RDP);
    start(c, 0);
    feed(c, hex(CC_FAILURE_1), 5);
    assertEquals(CloseKind.REFUSED_BY_SERVER, c.finishKind());
    NegotiationFacts n = facts().negotiation();
    assertNull(n.selectedProtocol());
    assertEquals(NegotiationFailureCode.SSL_REQUIRED_BY_SERVER, n.failureCode());
    c.closeFinished(6);
    TraceEvent.Closed closed = recorder.trace().closed().orElseThrow();
    assertEquals(CloseKind.REFUSED_BY_SERVER, closed.kind());
    assertTrue(closed.detail().contains("SSL_REQUIRED_BY_SERVER"), closed.detail());
  }

  @Test
  void confirmWithoutNegotiationDataMeansStandardSecurity() {
    ClientConnector c = connector(OFFER);
    start(c, 0);
    feed(c, hex("03 00 00 0b 06 d0 00 00 12 34 00"), 5);
    assertEquals(CloseKind.STOP_POINT_REACHED, c.finishKind());
    assertEquals(SecurityProtocols.RDP, facts().negotiation().selectedProtocol());
    assertFalse(facts().negotiation().negotiationDataPresent());
  }

  @Test
  void selectingAProtocolWeDidNotOfferIsAViolation() {
    ClientConnector c = connector(SecurityProtocols.SSL);
    start(c, 0);
    // selectedProtocol = HYBRID (2)
    feed(c, hex("03 00 00 13 0e d0 00 00 12 34 00 02 00 08 00 02 00 00 00"), 5);
    assertEquals(CloseKind.PROTOCOL_VIOLATION, c.finishKind());
    assertEquals(SecurityProtocols.HYBRID, facts().negotiation().selectedProtocol());
  }

  @Test
  void tlsBytesInsteadOfATpktAreRecordedAndNamed() {
    ClientConnector c = connector(OFFER);
    start(c, 0);
    byte[] tls = hex("16 03 01 00 05 02 00 00 01 00");
    feed(c, tls, 5);
    assertEquals(CloseKind.MALFORMED_PDU, c.finishKind());
    c.closeFinished(6);
    TraceEvent.Undecodable u = recorder.trace().eventsOf(TraceEvent.Undecodable.class).get(0);
    assertArrayEquals(tls, u.raw());
    assertEquals("UNEXPECTED_MESSAGE_TYPE", u.errorKind());
    assertTrue(u.error().contains("a TLS record"), u.error());
    assertEquals("X.224 Connection Confirm", u.expected());
  }

  @Test
  void aBrokenConfirmInsideAValidFrameIsMalformed() {
    ClientConnector c = connector(OFFER);
    start(c, 0);
    // LI 14 with an rdpNegData type 0x07
    feed(c, hex("03 00 00 13 0e d0 00 00 12 34 00 07 00 08 00 01 00 00 00"), 5);
    assertEquals(CloseKind.MALFORMED_PDU, c.finishKind());
    TraceEvent.Undecodable u = recorder.trace().eventsOf(TraceEvent.Undecodable.class).get(0);
    assertEquals(11, u.errorOffset());
    assertEquals(19, u.raw().length);
  }

  @Test
  void partialPduIsCountedAsPendingAtTheClose() {
    ClientConnector c = connector(OFFER);
    start(c, 0);
    feed(c, hex("03 00 00 13 0e d0"), 5);
    c.close(CloseKind.PEER_FIN, ClosedBy.SERVER, "fin", 50);
    TraceEvent.Closed closed = recorder.trace().closed().orElseThrow();
    assertEquals(6, closed.pendingBytes());
    assertEquals(Phase.X224_NEGOTIATION, closed.phase());
    assertEquals("X.224 Connection Confirm", closed.awaiting());
    assertEquals("", closed.lastServerPdu());
    assertEquals(45, closed.nanosSinceServerSent());
  }

  @Test
  void bytesAfterTheConfirmInTheSameReadAreKept() {
    ClientConnector c =
        ClientConnector.builder(
                ConnectorConfig.of(
                    OFFER, NegotiationRequestFlags.NONE, null, null, Phase.X224_NEGOTIATION),
                recorder)
            .build();
    start(c, 0);
    byte[] cc = hex(CC_SSL);
    byte[] both = new byte[cc.length + 3];
    System.arraycopy(cc, 0, both, 0, cc.length);
    both[cc.length] = 0x16;
    feed(c, both, 5);
    assertEquals(CloseKind.STOP_POINT_REACHED, c.finishKind());
    assertEquals(both.length, c.offsets().server());
  }

  @Test
  void stopAfterTcpConnectSendsNothing() {
    ClientConnector c =
        ClientConnector.builder(
                ConnectorConfig.of(
                    OFFER, NegotiationRequestFlags.NONE, null, null, Phase.TCP_CONNECT),
                recorder)
            .build();
    start(c, 0);
    assertTrue(c.takeOutputWrittenNow().isEmpty());
    assertEquals(CloseKind.STOP_POINT_REACHED, c.finishKind());
  }
}
