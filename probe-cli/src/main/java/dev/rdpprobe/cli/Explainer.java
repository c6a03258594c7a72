package dev.rdpprobe.cli;

import dev.rdpprobe.diagnose.ClientCode;
import dev.rdpprobe.diagnose.CodeExplanations;
import dev.rdpprobe.diagnose.CodeExplanations.Ending;
import dev.rdpprobe.diagnose.DisconnectReason;
import dev.rdpprobe.diagnose.ExtendedReason;
import dev.rdpprobe.diagnose.MessageSource;
import dev.rdpprobe.diagnose.WindowsClientCodes;
import dev.rdpprobe.wire.credssp.NtStatus;
import dev.rdpprobe.wire.share.ErrorInfo;
import dev.rdpprobe.wire.x224.NegotiationFailureCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the words of {@code rdp-probe explain} as codes: each number in every table that knows it
 * (the most likely reading first), a pair of numbers as the dialog's error code and extended error
 * code, a name in its own table. What the codes mean, the endings that give them and their causes
 * all come from the core ({@link CodeExplanations} and the code tables); this class only decides
 * which table a word belongs to.
 */
final class Explainer {
  private Explainer() {}

  /** Which table a reading comes from. */
  enum Kind {
    /** The Remote Desktop Connection dialog's pair: error code and extended error code. */
    CLIENT_CODE,
    /** The dialog's error code alone (discReason). */
    DISC_REASON,
    /** The dialog's extended error code, which is the last ERRINFO the client holds. */
    EXTENDED_REASON,
    /** The NTSTATUS of a CredSSP server's errorCode. */
    NTSTATUS,
    /** The failureCode of RDP_NEG_FAILURE. */
    NEGOTIATION_FAILURE
  }

  /**
   * One way to read the input.
   *
   * @param kind the table
   * @param title one line, e.g. {@code error code 0x904 with extended error code 0x7}
   * @param known whether the table names the code (an unknown NTSTATUS or ERRINFO can still be read
   *     by its severity or range)
   * @param facts what the code means, one line per code
   * @param discReason the error code, for {@code CLIENT_CODE} and {@code DISC_REASON}
   * @param extendedReason the extended error code, for {@code CLIENT_CODE} and {@code
   *     EXTENDED_REASON}
   * @param ntStatus the status, for {@code NTSTATUS}
   * @param negotiationFailure the code, for {@code NEGOTIATION_FAILURE}
   * @param endings the endings that give the code, from {@link CodeExplanations}
   * @param notes what else to know
   */
  record Reading(
      Kind kind,
      String title,
      boolean known,
      List<String> facts,
      DisconnectReason discReason,
      ExtendedReason extendedReason,
      NtStatus ntStatus,
      NegotiationFailureCode negotiationFailure,
      List<Ending> endings,
      List<String> notes) {}

  /**
   * What one input (a word, or two numbers read as a pair) means.
   *
   * @param input the words as typed
   * @param readings every reading, the most likely first; empty when no table knows the code
   */
  record Item(String input, List<Reading> readings) {}

  /** A word that is not a code: not a number and no name of any table. */
  static final class NotACode extends Exception {
    private static final long serialVersionUID = 1L;

    NotACode(String message) {
      super(message);
    }
  }

  private static final Pattern HEX = Pattern.compile("0[xX]([0-9a-fA-F]{1,8})");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,10}");
  private static final Pattern PAIR = Pattern.compile("([^/,]+)[/,]([^/,]+)");

  /** The words of the command line, each or each pair explained, in order. */
  static List<Item> explain(List<String> words, List<String> notCodes) {
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i).strip();
      try {
        Matcher pair = PAIR.matcher(w);
        if (pair.matches()) {
          items.add(pair(w, number(pair.group(1)), number(pair.group(2))));
          continue;
        }
        OptionalLong n = parse(w);
        if (n.isPresent() && i + 1 < words.size()) {
          OptionalLong next = parse(words.get(i + 1).strip());
          // an error code followed by what can be an extended one (an NTSTATUS cannot)
          if (next.isPresent()
              && new DisconnectReason((int) n.getAsLong()).isKnown()
              && !new NtStatus((int) next.getAsLong()).isError()) {
            items.add(pair(w + " " + words.get(i + 1).strip(), n.getAsLong(), next.getAsLong()));
            i++;
            continue;
          }
        }
        items.add(n.isPresent() ? number(w, (int) n.getAsLong()) : name(w));
      } catch (NotACode e) {
        notCodes.add(e.getMessage());
      }
    }
    return items;
  }

  // ---- numbers ------------------------------------------------------------------------------

  private static OptionalLong parse(String w) {
    Matcher hex = HEX.matcher(w);
    if (hex.matches()) {
      return OptionalLong.of(Long.parseLong(hex.group(1), 16));
    }
    if (DECIMAL.matcher(w).matches()) {
      long v = Long.parseLong(w);
      if (v >= Integer.MIN_VALUE && v <= 0xFFFFFFFFL) {
        return OptionalLong.of(v & 0xFFFFFFFFL);
      }
    }
    return OptionalLong.empty();
  }

  private static long number(String w) throws NotACode {
    OptionalLong n = parse(w.strip());
    if (n.isEmpty()) {
      throw new NotACode("'" + w.strip() + "' is not a number (0x904, 2308)");
    }
    return n.getAsLong();
  }

  private static Item pair(String input, long disc, long ext) {
    DisconnectReason d = new DisconnectReason((int) disc);
    ExtendedReason e = new ExtendedReason((int) ext);
    List<String> facts = new ArrayList<>();
    facts.add(discFact(d));
    facts.add(extendedFact(e));
    facts.add(dialog(d));
    List<Ending> endings = CodeExplanations.forClientCode(d, e);
    List<String> notes = new ArrayList<>();
    if (endings.isEmpty()) {
      notes.add(
          "No ending of rdp-probe's model gives this pair."
              + (CodeExplanations.forDisconnectReason(d).isEmpty()
                  ? ""
                  : " The endings that give error code " + d.hex() + " are below."));
      endings = CodeExplanations.forDisconnectReason(d);
    }
    Reading r =
        new Reading(
            Kind.CLIENT_CODE,
            "error code " + d.hex() + " with extended error code " + e.hex(),
            d.isKnown() && e.isKnown(),
            facts,
            d,
            e,
            null,
            null,
            endings,
            notes);
    return new Item(input, List.of(r));
  }

  private static Item number(String input, int v) {
    List<Reading> readings = new ArrayList<>();
    NtStatus status = new NtStatus(v);
    if (status.isError()) {
      // only an NTSTATUS has the top bits set
      readings.add(ntStatus(status));
      return new Item(input, readings);
    }
    DisconnectReason d = new DisconnectReason(v);
    if (d.isKnown()) {
      readings.add(discReason(d));
    }
    ExtendedReason e = new ExtendedReason(v);
    if (e.isKnown() || e.errorInfo().category() != ErrorInfo.Category.UNKNOWN) {
      readings.add(extended(e));
    }
    NegotiationFailureCode n = new NegotiationFailureCode(v);
    if (n.isKnown()) {
      readings.add(negotiationFailure(n));
    }
    if (status.isKnown()) {
      readings.add(ntStatus(status));
    }
    return new Item(input, readings);
  }

  // ---- names --------------------------------------------------------------------------------

  /** The prefixes a name may be given without, the dialog's first. */
  private static final List<String> PREFIXES = List.of("SSL_ERR_", "ERRINFO_", "STATUS_");

  private static Item name(String w) throws NotACode {
    Optional<Reading> exact = byName(w);
    if (exact.isPresent()) {
      return new Item(w, List.of(exact.get()));
    }
    // LOGON_FAILURE: SSL_ERR_LOGON_FAILURE and STATUS_LOGON_FAILURE both
    List<Reading> readings = new ArrayList<>();
    for (String prefix : PREFIXES) {
      byName(prefix + w).ifPresent(readings::add);
    }
    if (readings.isEmpty()) {
      throw new NotACode(
          "'"
              + w
              + "' is not a code"
              + nearestName(w).map(n -> "; did you mean " + n + "?").orElse(".")
              + " Give a number (0x904) or a name (ERRINFO_..., STATUS_..., SSL_ERR_..., an"
              + " RDP_NEG_FAILURE code such as SSL_REQUIRED_BY_SERVER).");
    }
    return new Item(w, readings);
  }

  /** The known name {@code w} is a typo of (two edits at most), if any. */
  private static Optional<String> nearestName(String w) {
    List<String> names = new ArrayList<>();
    WindowsClientCodes.knownReasons().forEach(d -> names.add(d.name()));
    WindowsClientCodes.knownExtendedReasons().forEach(e -> names.add(e.name()));
    ErrorInfo.known().forEach(e -> names.add(e.name()));
    NtStatus.known().forEach(s -> names.add(s.name()));
    negotiationFailureCodes().forEach(n -> names.add(n.name()));
    String upper = w.toUpperCase(Locale.ROOT);
    String best = null;
    int bestDistance = 3;
    for (String n : names) {
      int d = CommandNames.distance(upper, n.toUpperCase(Locale.ROOT));
      if (d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static Optional<Reading> byName(String w) {
    for (DisconnectReason d : WindowsClientCodes.knownReasons()) {
      if (d.name().equalsIgnoreCase(w)) {
        return Optional.of(discReason(d));
      }
    }
    for (ExtendedReason e : WindowsClientCodes.knownExtendedReasons()) {
      if (e.name().equalsIgnoreCase(w)) {
        return Optional.of(extended(e));
      }
    }
    for (ErrorInfo e : ErrorInfo.known()) {
      if (e.name().equalsIgnoreCase(w)) {
        return Optional.of(extended(new ExtendedReason(e.value())));
      }
    }
    for (NtStatus s : NtStatus.known()) {
      if (s.name().equalsIgnoreCase(w)) {
        return Optional.of(ntStatus(s));
      }
    }
    for (NegotiationFailureCode n : negotiationFailureCodes()) {
      if (n.name().equalsIgnoreCase(w)) {
        return Optional.of(negotiationFailure(n));
      }
    }
    return Optional.empty();
  }

  /** The failure codes the specification defines: the table is small, so it is scanned. */
  private static List<NegotiationFailureCode> negotiationFailureCodes() {
    List<NegotiationFailureCode> out = new ArrayList<>();
    for (int v = 0; v <= 0xFF; v++) {
      NegotiationFailureCode n = new NegotiationFailureCode(v);
      if (n.isKnown()) {
        out.add(n);
      }
    }
    return out;
  }

  // ---- readings -----------------------------------------------------------------------------

  private static Reading discReason(DisconnectReason d) {
    List<String> notes = new ArrayList<>();
    if (!d.isError()) {
      notes.add("Not an error code: the client reports it for a disconnect that is not a failure.");
    }
    if (CodeExplanations.takesServerErrorInfo(d)) {
      notes.add(
          "When the server sent a Set Error Info PDU first, its ERRINFO is the extended error code"
              + " shown with "
              + d.hex()
              + ": give both numbers (rdp-probe explain "
              + d.hex()
              + " 0x...) to see its endings.");
    }
    List<Ending> endings = CodeExplanations.forDisconnectReason(d);
    if (endings.isEmpty()) {
      notes.add(
          "No ending of rdp-probe's model gives this code: the client reports it for something"
              + " a probe of the server does not see.");
    }
    return new Reading(
        Kind.DISC_REASON,
        "error code " + d.hex() + " (the dialog's error code, discReason)",
        d.isKnown(),
        List.of(discFact(d), dialog(d)),
        d,
        null,
        null,
        null,
        endings,
        notes);
  }

  private static Reading extended(ExtendedReason e) {
    List<String> facts = new ArrayList<>();
    facts.add(extendedFact(e));
    ErrorInfo info = e.errorInfo();
    if (info.isKnown() && !info.name().equals(e.name())) {
      facts.add("as ERRINFO: " + info.name() + ": " + info.meaning());
    }
    // a close is how most connections end, so its endings come first
    Set<Ending> endings =
        new LinkedHashSet<>(CodeExplanations.forClientCode(DisconnectReason.SOCKET_CLOSED, e));
    for (DisconnectReason d : WindowsClientCodes.knownReasons()) {
      endings.addAll(CodeExplanations.forClientCode(d, e));
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        "The extended error code is the last ERRINFO the client holds: the server's Set Error"
            + " Info PDU, or a code the client set itself.");
    return new Reading(
        Kind.EXTENDED_REASON,
        "extended error code " + e.hex() + " (ERRINFO)",
        e.isKnown(),
        facts,
        null,
        e,
        null,
        null,
        List.copyOf(endings),
        notes);
  }

  private static Reading ntStatus(NtStatus s) {
    List<String> facts = new ArrayList<>();
    String hex = hex(s.value());
    facts.add("NTSTATUS " + hex + ": " + s.name() + ": " + s.meaning());
    List<Ending> endings = CodeExplanations.forNtStatus(s);
    endings.stream()
        .findFirst()
        .map(Ending::clientCode)
        .ifPresent(
            c ->
                facts.add(
                    c.basis().hasCode()
                        ? "a Windows client shows error code "
                            + c.discReason().hex()
                            + " ("
                            + c.discReason().name()
                            + ")"
                        : "a Windows client shows no documented error code for it"));
    return new Reading(
        Kind.NTSTATUS,
        "NTSTATUS " + hex + " (a CredSSP server's errorCode)",
        s.isKnown(),
        facts,
        null,
        null,
        s,
        null,
        endings,
        List.of());
  }

  private static Reading negotiationFailure(NegotiationFailureCode n) {
    List<Ending> endings = CodeExplanations.forNegotiationFailure(n);
    ClientCode c = endings.get(0).clientCode();
    return new Reading(
        Kind.NEGOTIATION_FAILURE,
        "RDP_NEG_FAILURE code " + n.value() + " (the server's answer to the Connection Request)",
        n.isKnown(),
        List.of(
            n.name() + ": " + n.description(),
            "a Windows client shows " + c.summary() + "; it says: " + c.message()),
        null,
        null,
        null,
        n,
        endings,
        List.of());
  }

  private static String discFact(DisconnectReason d) {
    return "error code " + d.hex() + ": " + d.name() + ": " + d.description();
  }

  private static String extendedFact(ExtendedReason e) {
    return "extended error code " + e.hex() + ": " + e.name() + ": " + e.meaning();
  }

  private static String dialog(DisconnectReason d) {
    return "the dialog says: " + d.message() + " (" + source(d.messageSource()) + ")";
  }

  static String source(MessageSource s) {
    return switch (s) {
      case CLIENT_TEXT -> "the client's text, as public reports quote it";
      case DOCUMENTED_DESCRIPTION -> "Microsoft's description of the code";
      case OUR_DESCRIPTION -> "our description; no public text was found";
    };
  }

  /** A 32-bit value as an NTSTATUS is written, {@code 0xC000006D}. */
  static String hex(int value) {
    return "0x" + Long.toHexString(value & 0xFFFFFFFFL).toUpperCase(Locale.ROOT);
  }
}
