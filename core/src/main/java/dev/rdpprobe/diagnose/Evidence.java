package dev.rdpprobe.diagnose;

import java.util.Objects;

/**
 * One fact of a trace that supports a cause: the event it comes from and what it shows, in a line
 * such as {@code peer RST 12 ms after our ClientHello, 0 bytes of TLS received}.
 *
 * @param eventIndex the index of the event in {@code Trace.events()}
 * @param description what the event shows, one line
 */
public record Evidence(int eventIndex, String description) {
  public Evidence {
    if (eventIndex < 0) {
      throw new IllegalArgumentException("eventIndex " + eventIndex + " < 0");
    }
    Objects.requireNonNull(description, "description");
  }

  @Override
  public String toString() {
    return "#" + eventIndex + " " + description;
  }
}
