package dev.rdpprobe.testing;

import dev.rdpprobe.diagnose.Cause;
import dev.rdpprobe.diagnose.CauseId;
import dev.rdpprobe.diagnose.Diagnosis;
import dev.rdpprobe.tls.CertificateCheck;
import dev.rdpprobe.tls.CertificateObjection;
import java.util.List;

/**
 * The emulator's certificates are issued by a CA it makes at start ({@code CN=rdp-probe emulator
 * CA}), which no trust store holds: a probe of the emulator judges the chain against the JDK's
 * trust store, as a client would, and finds that root untrusted. Tests about anything else set that
 * one objection, and its warning, aside with these.
 */
public final class EmulatorCa {
  private EmulatorCa() {}

  /** The subject of the emulator's CA. */
  public static final String SUBJECT = "CN=rdp-probe emulator CA";

  /** Whether {@code o} is the emulator's root being untrusted. */
  public static boolean isEmulatorRoot(CertificateObjection o) {
    return o.kind() == CertificateObjection.Kind.UNTRUSTED_ISSUER
        && o.detail().contains("the root " + SUBJECT + ",");
  }

  /** The check's objections but the emulator's untrusted root. */
  public static List<CertificateObjection> otherObjections(CertificateCheck check) {
    return check.objections().stream().filter(o -> !isEmulatorRoot(o)).toList();
  }

  /** Whether {@code c} is the warning about the emulator's untrusted root, and only that. */
  public static boolean isEmulatorRootWarning(Cause c) {
    return c.id() == CauseId.CERT_UNTRUSTED
        && !c.evidence().isEmpty()
        && c.evidence().stream()
            .allMatch(e -> e.description().contains("the root " + SUBJECT + ","));
  }

  /** The diagnosis's causes but the warning about the emulator's untrusted root. */
  public static List<Cause> otherCauses(Diagnosis d) {
    return d.causes().stream().filter(c -> !isEmulatorRootWarning(c)).toList();
  }
}
