package dev.rdpprobe.facts;

/**
 * What the X.224 negotiation said about Network Level Authentication (CredSSP, PROTOCOL_HYBRID and
 * PROTOCOL_HYBRID_EX). One probe tells "required" only when its offer left HYBRID out: a server
 * that selects HYBRID from an offer with SSL may still accept clients without NLA.
 */
public enum NlaPolicy {
  /** A request without HYBRID got RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER. */
  REQUIRED("required: a request without HYBRID got RDP_NEG_FAILURE HYBRID_REQUIRED_BY_SERVER"),
  /**
   * The server selected HYBRID or HYBRID_EX. Whether it also takes clients without NLA needs a
   * request without HYBRID (e.g. SSL only).
   */
  SUPPORTED(
      "supported: the server selected CredSSP (whether it requires it needs a request without"
          + " HYBRID)"),
  /** HYBRID was offered and the server selected another protocol: it does not use NLA. */
  NOT_USED("not used: HYBRID was offered and the server selected another protocol");

  private final String description;

  NlaPolicy(String description) {
    this.description = description;
  }

  /** What the value means, in words. */
  public String description() {
    return description;
  }
}
