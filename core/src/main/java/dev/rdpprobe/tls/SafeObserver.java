package dev.rdpprobe.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes events on and swallows what the observer throws (ARCHITECTURE.md, Rules: listeners cannot
 * break a probe).
 */
final class SafeObserver implements TlsObserver {
  private static final Logger LOG = LoggerFactory.getLogger(SafeObserver.class);

  private final TlsObserver delegate;

  SafeObserver(TlsObserver delegate) {
    this.delegate = delegate;
  }

  @Override
  public void message(TlsMessage message) {
    try {
      delegate.message(message);
    } catch (RuntimeException e) {
      LOG.warn("TLS observer failed on {}", message.name(), e);
    }
  }

  @Override
  public void alert(TlsAlert alert) {
    try {
      delegate.alert(alert);
    } catch (RuntimeException e) {
      LOG.warn("TLS observer failed on an alert", e);
    }
  }

  @Override
  public void notTls(TlsSide sender, String description) {
    try {
      delegate.notTls(sender, description);
    } catch (RuntimeException e) {
      LOG.warn("TLS observer failed on non-TLS bytes", e);
    }
  }
}
