package dev.rdpprobe.tls;

import java.util.ArrayList;
import java.util.List;

/** Records every event, in order, as records and as lines. */
final class RecordingObserver implements TlsObserver {
  final List<Object> events = new ArrayList<>();

  @Override
  public void message(TlsMessage message) {
    events.add(message);
  }

  @Override
  public void alert(TlsAlert alert) {
    events.add(alert);
  }

  @Override
  public void notTls(TlsSide sender, String description) {
    events.add("notTls " + sender + ": " + description);
  }

  List<TlsMessage> messages() {
    List<TlsMessage> out = new ArrayList<>();
    for (Object e : events) {
      if (e instanceof TlsMessage m) {
        out.add(m);
      }
    }
    return out;
  }

  List<TlsAlert> alerts() {
    List<TlsAlert> out = new ArrayList<>();
    for (Object e : events) {
      if (e instanceof TlsAlert a) {
        out.add(a);
      }
    }
    return out;
  }

  /** "CLIENT ClientHello", "SERVER ServerHello", ... with ", encrypted" when it was. */
  List<String> names() {
    List<String> out = new ArrayList<>();
    for (TlsMessage m : messages()) {
      out.add(m.sender() + " " + m.name() + (m.encrypted() ? " (encrypted)" : ""));
    }
    return out;
  }
}
