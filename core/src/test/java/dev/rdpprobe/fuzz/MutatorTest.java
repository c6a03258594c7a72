package dev.rdpprobe.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rdpprobe.ProbeSpec;
import dev.rdpprobe.connect.ClientPlan;
import dev.rdpprobe.connect.OutboundInterceptor;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import dev.rdpprobe.wire.mcs.DomainMcsPdu;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.McsFrame;
import dev.rdpprobe.wire.mcs.SendDataRequest;
import dev.rdpprobe.wire.sec.AddressFamily;
import dev.rdpprobe.wire.sec.ClientInfoPdu;
import dev.rdpprobe.wire.x224.NegotiationRequest;
import dev.rdpprobe.wire.x224.RequestToken;
import dev.rdpprobe.wire.x224.SecurityProtocols;
import dev.rdpprobe.wire.x224.X224ConnectionRequest;
import dev.rdpprobe.wire.x224.X224Data;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MutatorTest {
  /** MS-RDPBCGR 2.2.1.1: a Connection Request with a cookie and an RDP_NEG_REQ. */
  static final X224ConnectionRequest REQUEST =
      X224ConnectionRequest.of(
          new RequestToken.Cookie("probe"),
          NegotiationRequest.of(
              SecurityProtocols.of(
                  SecurityProtocols.SSL, SecurityProtocols.HYBRID, SecurityProtocols.HYBRID_EX)));

  static OutboundInterceptor.Outbound request() {
    return new OutboundInterceptor.Outbound(
        Phase.X224_NEGOTIATION,
        1,
        X224ConnectionRequest.NAME,
        REQUEST,
        Octets.encode(REQUEST).toByteArray());
  }

  static final ClientInfoPdu INFO =
      ClientInfoPdu.withoutCredentials(AddressFamily.AF_INET, "0.0.0.0");

  /** The Client Info PDU as the connector sends it: in a Send Data Request, TPKT and X.224. */
  static OutboundInterceptor.Outbound clientInfo() {
    SendDataRequest carrier = SendDataRequest.of(1007, 1003, Octets.encode(INFO));
    ByteBuf out = Unpooled.buffer();
    McsFrame.encode(out, carrier);
    byte[] bytes = ByteBufUtil.getBytes(out);
    out.release();
    return new OutboundInterceptor.Outbound(Phase.SECURE_SETTINGS, 5, INFO.name(), INFO, bytes);
  }

  @Test
  void theFieldsOfAConnectionRequestAreWhereTheSpecificationPutsThem() {
    FieldMap map = FieldMap.of(REQUEST);
    byte[] e = map.encoding();
    int n = e.length;
    // TPKT length (BE16 at 2), LI (at 4), then RDP_NEG_REQ's 8 bytes at the end
    assertField(map, FieldMap.Kind.LENGTH, 2, 2, false);
    assertField(map, FieldMap.Kind.LENGTH, 4, 1, true);
    assertField(map, FieldMap.Kind.FLAGS, n - 7, 1, true); // RDP_NEG_REQ flags
    assertField(map, FieldMap.Kind.LENGTH, n - 6, 2, true); // RDP_NEG_REQ length, 8
    assertField(map, FieldMap.Kind.FLAGS, n - 4, 4, true); // requestedProtocols
    // "Cookie: mstshash=probe\r\n": the name's bytes
    int name = new String(e, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("probe");
    assertField(map, FieldMap.Kind.STRING, name, 5, true);
  }

  @Test
  void theLengthsOfTheClientInfoStringsAreFoundByGrowingThem() {
    FieldMap map = FieldMap.of(INFO);
    // TS_INFO_PACKET after the 4-byte basic security header: CodePage, flags, then cbDomain...
    int info = 4;
    for (int k = 0; k < 5; k++) {
      int at = info + 8 + 2 * k;
      assertTrue(
          map.fields(FieldMap.Kind.LENGTH).stream().anyMatch(f -> f.offset() == at),
          "a cb length at " + at + ": " + map.fields());
    }
    assertField(map, FieldMap.Kind.FLAGS, info + 4, 4, true);
  }

  @Test
  void aCaseIsAFunctionOfItsSeed() {
    for (int i = 1; i <= 200; i++) {
      long seed = CaseSeeds.of(42, i);
      Mutation a = Mutator.mutate(seed, clientInfo());
      Mutation b = Mutator.mutate(seed, clientInfo());
      assertEquals(a, b);
      assertNotEquals(a.planned(), a.sent(), a.summary());
    }
    assertNotEquals(CaseSeeds.of(42, 1), CaseSeeds.of(42, 2));
    assertEquals(CaseSeeds.of(42, 7), CaseSeeds.parse(CaseSeeds.text(CaseSeeds.of(42, 7))));
  }

  @Test
  void everyFamilyAndMostOperatorsOccurAndOutputsDiffer() {
    Set<Operator> seen = EnumSet.noneOf(Operator.class);
    Set<Octets> outputs = new HashSet<>();
    for (int i = 1; i <= 400; i++) {
      Mutation m = Mutator.mutate(CaseSeeds.of(7, i), clientInfo());
      seen.add(m.operator());
      outputs.add(m.sent());
    }
    for (Operator.Family f : Operator.Family.values()) {
      assertTrue(seen.stream().anyMatch(o -> o.family() == f), f + " in " + seen);
    }
    assertTrue(seen.size() >= 18, "operators seen: " + seen);
    assertTrue(outputs.size() >= 250, outputs.size() + " distinct of 400");
  }

  @Test
  void everyOperatorAppliesToTheClientInfoFrame() {
    for (Operator op : Operator.values()) {
      if (op == Operator.RECORD_ABSENT
          || op == Operator.RECORD_BLOB
          || op == Operator.RECORD_LIST
          || op == Operator.COUNT) {
        continue; // the probe's Client Info has no optional block, blob or list: see below
      }
      Mutation m = Mutator.mutate(CaseSeeds.of(1, op.ordinal()), clientInfo(), op);
      assertEquals(op, m.operator(), m.summary());
    }
  }

  @Test
  void theConnectInitialIsOpenedDownToItsClientDataBlocks() {
    ConferenceCreateRequest gcc =
        ClientPlan.of(
                ProbeSpec.builder("h").staticChannels("rdpdr", "cliprdr").build().connectorConfig())
            .conferenceRequest(SecurityProtocols.SSL);
    McsConnectInitial initial = McsConnectInitial.of(Octets.encode(gcc));
    ByteBuf out = Unpooled.buffer();
    McsFrame.encode(out, initial);
    OutboundInterceptor.Outbound pdu =
        new OutboundInterceptor.Outbound(
            Phase.BASIC_SETTINGS, 2, initial.name(), initial, ByteBufUtil.getBytes(out));
    out.release();
    FieldMap map = FieldMap.of(initial);
    assertTrue(
        map.fields().stream().anyMatch(f -> f.path().contains("desktopWidth")),
        "CS_CORE's desktopWidth located: " + map.fields());
    assertTrue(
        map.fields(FieldMap.Kind.COUNT).stream()
            .anyMatch(f -> f.path().contains("channelDefArray")),
        "CS_NET's channelCount located: " + map.fields());
    for (Operator op : List.of(Operator.RECORD_LIST, Operator.COUNT)) {
      Mutation m = Mutator.mutate(CaseSeeds.of(2, op.ordinal()), pdu, op);
      assertEquals(op, m.operator(), m.summary());
    }
    // an optional block: the Connection Request's token or RDP_NEG_REQ
    Mutation absent = Mutator.mutate(4, request(), Operator.RECORD_ABSENT);
    assertEquals(Operator.RECORD_ABSENT, absent.operator(), absent.summary());
    assertTrue(absent.sent().length() < absent.planned().length(), absent.summary());
  }

  @Test
  void aRecordMutationKeepsTheEnvelopeConsistent() {
    for (int i = 1; i <= 50; i++) {
      Mutation m = Mutator.mutate(CaseSeeds.of(3, i), clientInfo(), Operator.RECORD_STRING);
      byte[] sent = m.sent().toByteArray();
      // TPKT, X.224 Data and the Send Data Request decode, and the user data is a Client Info PDU
      assertEquals(sent.length, ((sent[2] & 0xFF) << 8) | (sent[3] & 0xFF));
      ByteBuf in =
          Unpooled.wrappedBuffer(sent, X224Data.HEADER_SIZE, sent.length - X224Data.HEADER_SIZE);
      SendDataRequest r = (SendDataRequest) DomainMcsPdu.decode(in);
      assertFalse(in.isReadable());
      ClientInfoPdu decoded = ClientInfoPdu.decode(r.userData().asByteBuf());
      assertNotEquals(INFO, decoded, m.summary());
    }
  }

  @Test
  void aFieldMutationChangesOnlyThatField() {
    for (int i = 1; i <= 50; i++) {
      Mutation m = Mutator.mutate(CaseSeeds.of(5, i), request(), Operator.LENGTH);
      byte[] p = m.planned().toByteArray();
      byte[] s = m.sent().toByteArray();
      assertEquals(p.length, s.length);
      List<Integer> changed = new java.util.ArrayList<>();
      for (int k = 0; k < p.length; k++) {
        if (p[k] != s[k]) {
          changed.add(k);
        }
      }
      assertFalse(changed.isEmpty());
      assertTrue(changed.get(changed.size() - 1) - changed.get(0) < 4, m.summary() + " " + changed);
    }
  }

  @Test
  void aFrameMutationLeavesTheEnvelopeAsPlanned() {
    Mutation m = Mutator.mutate(9, request(), Operator.FRAME_TRUNCATE);
    byte[] p = m.planned().toByteArray();
    byte[] s = m.sent().toByteArray();
    assertTrue(s.length < p.length);
    assertArrayEquals(java.util.Arrays.copyOf(p, s.length), s);
  }

  private static void assertField(
      FieldMap map, FieldMap.Kind kind, int offset, int width, boolean le) {
    assertTrue(
        map.fields().stream()
            .anyMatch(
                f ->
                    f.kind() == kind
                        && f.offset() == offset
                        && f.width() == width
                        && (width == 1 || f.littleEndian() == le)),
        kind + " at " + offset + " width " + width + " in " + map.fields());
  }
}
