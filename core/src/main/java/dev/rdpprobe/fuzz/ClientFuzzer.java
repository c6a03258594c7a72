package dev.rdpprobe.fuzz;

import dev.rdpprobe.connect.Endpoint;
import dev.rdpprobe.connect.OutboundInterceptor;
import dev.rdpprobe.emulate.RdpEmulator;
import dev.rdpprobe.report.JsonObject;
import dev.rdpprobe.report.JsonWriter;
import dev.rdpprobe.trace.CloseKind;
import dev.rdpprobe.trace.Direction;
import dev.rdpprobe.trace.Phase;
import dev.rdpprobe.trace.Trace;
import dev.rdpprobe.trace.TraceEvent;
import dev.rdpprobe.wire.Octets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Fuzzes RDP clients from the emulator: on each connection the emulator mutates its own first PDU
 * of a phase (the X.224 Connection Confirm through the Demand Active and the finalization PDUs),
 * one mutation per connection from the campaign seed and the connection's number, and names how the
 * client reacted from the emulator's trace: it kept going, closed, reset, went silent.
 */
public final class ClientFuzzer {
  private ClientFuzzer() {}

  /** How a client reacted to a mutated server PDU. */
  public enum ClientReaction {
    /** It sent more PDUs after the mutated one. */
    KEPT_GOING,
    /** It closed the connection (FIN) without sending anything more. */
    CLOSED,
    /** It reset the connection. */
    RESET,
    /** It sent nothing and did not close until the emulator's idle timeout. */
    WENT_SILENT,
    /** The emulator ended the connection first (its scenario, or the client's malformed bytes). */
    ENDED_BY_EMULATOR,
    /** The connection ended before the emulator reached the target PDU. */
    NOT_REACHED
  }

  /**
   * One connection of a client campaign.
   *
   * @param number the connection's number in the order connections ended, from 1
   * @param mutation what the emulator sent instead of its planned PDU, or null when not reached
   * @param reaction how the client reacted
   * @param close how the connection ended, as the emulator saw it
   * @param transcript the connection's events, one a line
   */
  public record ClientCase(
      int number, Mutation mutation, ClientReaction reaction, CloseKind close, String transcript) {
    public ClientCase {
      Objects.requireNonNull(reaction, "reaction");
      Objects.requireNonNull(close, "close");
      Objects.requireNonNull(transcript, "transcript");
    }

    /** One line. */
    public String line() {
      return "connection "
          + number
          + (mutation == null
              ? " (target not reached)"
              : " [" + CaseSeeds.text(mutation.seed()) + "] " + mutation.summary())
          + " -> "
          + reaction
          + " ("
          + close
          + ")";
    }
  }

  /**
   * The emulator's hook: connection {@code n} gets a mutation of case seed {@code
   * CaseSeeds.of(seed, n)}, or of {@code fixedCase} on every connection when it is given (a
   * reproduction).
   *
   * @param phase the phase whose first emulator PDU is mutated
   * @param pdu the PDU's name (case-insensitive), or {@code ""} for the phase's first
   * @param out where each connection's case goes, or null
   * @param listener sees each connection's case as it ends
   */
  public static Hook hook(
      Phase phase, String pdu, long seed, Long fixedCase, Path out, Consumer<ClientCase> listener) {
    return new Hook(phase, pdu, seed, fixedCase, out, listener);
  }

  /** Installs a campaign on an emulator builder: its interceptors and its trace listener. */
  public static final class Hook {
    private final Phase phase;
    private final String pdu;
    private final long seed;
    private final Long fixedCase;
    private final Path out;
    private final Consumer<ClientCase> listener;
    private final Map<Octets, Deque<Mutation>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ended = new AtomicInteger();
    private final List<ClientCase> cases = Collections.synchronizedList(new ArrayList<>());

    private Hook(
        Phase phase,
        String pdu,
        long seed,
        Long fixedCase,
        Path out,
        Consumer<ClientCase> listener) {
      this.phase = Objects.requireNonNull(phase, "phase");
      this.pdu = Objects.requireNonNull(pdu, "pdu");
      this.seed = seed;
      this.fixedCase = fixedCase;
      this.out = out;
      this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The builder with this campaign's interceptors and listener (which replaces its own). */
    public RdpEmulator.Builder install(RdpEmulator.Builder b) {
      return b.interceptors(this::interceptor).listener(this::ended);
    }

    /** The cases so far. */
    public List<ClientCase> cases() {
      synchronized (cases) {
        return List.copyOf(cases);
      }
    }

    private OutboundInterceptor interceptor(int connection) {
      long caseSeed = fixedCase != null ? fixedCase : CaseSeeds.of(seed, connection);
      boolean[] done = {false};
      return o -> {
        if (done[0] || o.phase() != phase || (!pdu.isEmpty() && !o.name().equalsIgnoreCase(pdu))) {
          return o.bytes();
        }
        done[0] = true;
        Mutation m = Mutator.mutate(caseSeed, o);
        pending.computeIfAbsent(m.sent(), k -> new ConcurrentLinkedDeque<>()).add(m);
        return m.sent().toByteArray();
      };
    }

    private void ended(Trace trace) {
      Mutation m = null;
      int mutatedAt = -1;
      List<TraceEvent> events = trace.events();
      for (int i = 0; i < events.size() && m == null; i++) {
        if (events.get(i) instanceof TraceEvent.Note n
            && n.detail() instanceof Endpoint.InterceptedPdu p) {
          Deque<Mutation> same = pending.get(p.sent());
          m = same == null ? null : same.poll();
          mutatedAt = i;
        }
      }
      CloseKind close = trace.closed().map(TraceEvent.Closed::kind).orElse(CloseKind.LOCAL_ERROR);
      ClientReaction reaction = reaction(events, mutatedAt, m != null, close);
      ClientCase c = new ClientCase(ended.incrementAndGet(), m, reaction, close, transcript(trace));
      cases.add(c);
      if (out != null) {
        write(out, c);
      }
      listener.accept(c);
    }

    private static ClientReaction reaction(
        List<TraceEvent> events, int mutatedAt, boolean reached, CloseKind close) {
      if (!reached) {
        return ClientReaction.NOT_REACHED;
      }
      for (int i = mutatedAt + 1; i < events.size(); i++) {
        if (events.get(i) instanceof TraceEvent.Pdu p
            && p.direction() == Direction.CLIENT_TO_SERVER) {
          return ClientReaction.KEPT_GOING;
        }
        if (events.get(i) instanceof TraceEvent.Tls t
            && t.direction() == Direction.CLIENT_TO_SERVER) {
          return ClientReaction.KEPT_GOING;
        }
      }
      return switch (close) {
        case CLIENT_FIN -> ClientReaction.CLOSED;
        case CLIENT_RST -> ClientReaction.RESET;
        case IDLE_TIMEOUT, DEADLINE_EXCEEDED -> ClientReaction.WENT_SILENT;
        default -> ClientReaction.ENDED_BY_EMULATOR;
      };
    }

    private void write(Path dir, ClientCase c) {
      Path d = dir.resolve("connections").resolve(String.format("%06d", c.number()));
      JsonObject.Builder o =
          JsonObject.builder()
              .put("connection", c.number())
              .put("phase", phase.name())
              .put("pdu", pdu)
              .put("reaction", c.reaction().name())
              .put("close", c.close().name());
      String reproduce = "";
      if (c.mutation() != null) {
        Mutation m = c.mutation();
        o.put("seed", CaseSeeds.text(m.seed()))
            .put("operator", m.operator().name())
            .put("field", m.field())
            .put("detail", m.detail())
            .put("planned", m.planned().toHex())
            .put("sent", m.sent().toHex());
        reproduce =
            "rdp-probe serve --fuzz --phase "
                + phase.name()
                + (pdu.isEmpty() ? "" : " --pdu '" + pdu + "'")
                + " --case "
                + CaseSeeds.text(m.seed())
                + "\n";
      }
      try {
        Files.createDirectories(d);
        Files.writeString(d.resolve(CaseFiles.CASE), JsonWriter.write(o.build()) + "\n");
        Files.writeString(d.resolve("transcript.txt"), c.transcript(), StandardCharsets.UTF_8);
        if (!reproduce.isEmpty()) {
          Files.writeString(d.resolve("reproduce.txt"), reproduce);
          Files.write(d.resolve(CaseFiles.SENT), c.mutation().sent().toByteArray());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + d + ": " + e.getMessage(), e);
      }
    }
  }

  /** The connection's events, one a line, as the emulator saw them. */
  static String transcript(Trace trace) {
    StringBuilder b = new StringBuilder();
    for (TraceEvent e : trace.events()) {
      b.append(
          String.format("%9.3f ms  %-8s %-18s ", e.nanos() / 1e6, arrow(e.direction()), e.phase()));
      if (e instanceof TraceEvent.Pdu p) {
        b.append(p.name()).append(p.summary().isEmpty() ? "" : ": " + p.summary());
        b.append(" [").append(p.length()).append(" bytes]");
      } else if (e instanceof TraceEvent.Note n) {
        b.append("note: ").append(n.text());
      } else if (e instanceof TraceEvent.Closed c) {
        b.append("closed: ").append(c.kind()).append(", ").append(c.detail());
      } else if (e instanceof TraceEvent.Undecodable u) {
        b.append("undecodable (").append(u.error()).append(")");
      } else if (e instanceof TraceEvent.Tls t) {
        b.append("TLS ")
            .append(t.message())
            .append(t.summary().isEmpty() ? "" : ": " + t.summary());
      } else if (e instanceof TraceEvent.TlsAlert a) {
        b.append("TLS alert ").append(a.level()).append(' ').append(a.description());
      } else {
        b.append(e.getClass().getSimpleName());
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String arrow(Direction d) {
    return switch (d) {
      case CLIENT_TO_SERVER -> "client>";
      case SERVER_TO_CLIENT -> "<server";
      default -> "";
    };
  }
}
