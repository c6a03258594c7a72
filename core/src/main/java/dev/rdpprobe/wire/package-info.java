/**
 * The codec foundation: {@link dev.rdpprobe.wire.Pdu}, {@link dev.rdpprobe.wire.Octets}, {@link
 * dev.rdpprobe.wire.DecodeException} (kind, PDU, field, offset, received, expected) and the checks
 * every decoder runs before it reads (ARCHITECTURE.md, Rules: length before read). Sub-packages
 * hold one immutable record per structure of the specifications, named by their titles.
 *
 * <p>API: the records are the values facts and trace events carry.
 */
package dev.rdpprobe.wire;
