package dev.rdpprobe.wire.sec;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * Basic Security Header, TS_SECURITY_HEADER (MS-RDPBCGR 2.2.8.1.1.2.1): the 4 bytes in front of the
 * Client Info PDU, licensing PDUs and other PDUs sent before (or without) encryption.
 *
 * @param flags flags
 * @param flagsHi flagsHi (unused, 0; meaningful only with SEC_FLAGSHI_VALID)
 */
public record BasicSecurityHeader(SecurityFlags flags, int flagsHi) implements Pdu {
  public static final String NAME = "TS_SECURITY_HEADER";

  public static final int FIXED_PART_SIZE =
      2 // flags
          + 2; // flagsHi

  public BasicSecurityHeader {
    Objects.requireNonNull(flags, "flags");
    if (flagsHi < 0 || flagsHi > 0xFFFF) {
      throw new IllegalArgumentException("flagsHi out of range: " + flagsHi);
    }
  }

  /** A header with these flags and flagsHi 0. */
  public static BasicSecurityHeader of(int flags) {
    return new BasicSecurityHeader(new SecurityFlags(flags), 0);
  }

  /** Reads the header. */
  public static BasicSecurityHeader decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "flags");
    return new BasicSecurityHeader(
        new SecurityFlags(in.readUnsignedShortLE()), in.readUnsignedShortLE());
  }

  /**
   * Reads the header of a PDU sent in the clear that this header's {@code flag} names
   * (SEC_INFO_PKT, SEC_LICENSE_PKT, SEC_TRANSPORT_REQ, ...): without the flag the bytes are another
   * PDU ({@link DecodeException.Kind#UNEXPECTED_MESSAGE_TYPE}); with SEC_ENCRYPT they are
   * ciphertext this codec does not decrypt ({@link DecodeException.Kind#INVALID_FIELD}). Both
   * errors name {@code pdu}.
   *
   * @param flagName the flag's name and value, e.g. {@code SEC_INFO_PKT (0x40)}
   */
  public static BasicSecurityHeader decodeFor(ByteBuf in, int flag, String flagName, String pdu) {
    int start = in.readerIndex();
    BasicSecurityHeader header = decode(in);
    SecurityFlags flags = header.flags();
    if (!flags.has(flag)) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          pdu,
          "flags",
          start,
          flags.bits(),
          flagName + " set");
    }
    if (flags.has(SecurityFlags.SEC_ENCRYPT)) {
      throw Wire.invalid(
          pdu, "flags", start, flags.bits(), "SEC_ENCRYPT clear (encrypted: decrypt first)");
    }
    return header;
  }

  /**
   * Checks, for a record's constructor, that the header has {@code flag} and not SEC_ENCRYPT.
   *
   * @throws IllegalArgumentException if not
   */
  public void requirePlain(int flag, String flagName) {
    if (!flags.has(flag)) {
      throw new IllegalArgumentException("the security header must have " + flagName);
    }
    if (flags.has(SecurityFlags.SEC_ENCRYPT)) {
      throw new IllegalArgumentException("SEC_ENCRYPT needs the encrypted form of the PDU");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE;
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeShortLE(flags.bits());
    out.writeShortLE(flagsHi);
  }

  @Override
  public String summary() {
    return "flags=" + flags + (flagsHi == 0 ? "" : ", flagsHi=" + Wire.hex(flagsHi));
  }
}
