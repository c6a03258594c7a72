package dev.rdpprobe.trace;

/**
 * The phases of the RDP connection sequence (MS-RDPBCGR 1.3.1.1), in order. A probe walks them one
 * by one; every trace event and the close itself are tagged with the phase they happened in.
 */
public enum Phase {
  /** Name resolution and the TCP three-way handshake. */
  TCP_CONNECT,
  /** X.224 Connection Request and Confirm with the RDP negotiation structures. */
  X224_NEGOTIATION,
  /** The TLS handshake after a Connection Confirm that selected SSL, HYBRID or HYBRID_EX. */
  TLS_HANDSHAKE,
  /** CredSSP (MS-CSSP) TSRequests: NTLM, pubKeyAuth. */
  CREDSSP,
  /** The 4-byte Early User Authorization Result (HYBRID_EX). */
  EARLY_USER_AUTH,
  /** MCS Connect Initial and Connect Response with the GCC conference and data blocks. */
  BASIC_SETTINGS,
  /** Erect Domain, Attach User and Channel Join. */
  CHANNEL_CONNECT,
  /** The Security Exchange PDU (Standard RDP Security only). */
  SECURITY_EXCHANGE,
  /** The Client Info PDU. */
  SECURE_SETTINGS,
  /** The licensing exchange. */
  LICENSING,
  /** Initiate Multitransport Request and Response. */
  MULTITRANSPORT,
  /** Demand Active and Confirm Active. */
  CAPABILITIES,
  /** Synchronize, Control and Font PDUs. */
  FINALIZATION;

  /** Whether this phase comes after {@code other} in the connection sequence. */
  public boolean isAfter(Phase other) {
    return compareTo(other) > 0;
  }
}
