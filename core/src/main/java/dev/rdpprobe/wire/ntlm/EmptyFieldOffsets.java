package dev.rdpprobe.wire.ntlm;

/**
 * Where a sender points the BufferOffset of an empty payload field ({@code Len} 0) of an NTLM
 * message. It means nothing, but peers differ and the codec re-encodes each byte for byte: a
 * Windows client writes 0 (nmap copies it), FreeRDP writes the offset where the field would be, as
 * MS-NLMP 2.2.1.1 says it SHOULD. A message decodes as {@link #ZERO} when it has an empty field and
 * every empty field points at 0; a message with no empty field is always {@link #PAYLOAD_POSITION}.
 */
public enum EmptyFieldOffsets {
  /** Empty fields point where the field would start in the payload (FreeRDP, the spec). */
  PAYLOAD_POSITION,
  /** Empty fields point at offset 0 (Windows). */
  ZERO
}
