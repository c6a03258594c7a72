package dev.rdpprobe.wire.ntlm;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.Objects;

/**
 * NTLMv2_CLIENT_CHALLENGE (MS-NLMP 2.2.2.7): the part of an NTLMv2 response the client's proof
 * covers, the {@code temp} of MS-NLMP 3.3.2. The reserved fields are kept as sent, because the
 * proof covers them too; {@link #encode} writes exactly the octets that were decoded.
 *
 * @param respType RespType (1)
 * @param hiRespType HiRespType (1)
 * @param reserved1 Reserved1, 16 bits
 * @param reserved2 Reserved2, 32 bits
 * @param timeStamp TimeStamp, a FILETIME
 * @param challengeFromClient ChallengeFromClient, 8 octets
 * @param reserved3 Reserved3, 32 bits
 * @param avPairs AvPairs, with the octets after MsvAvEOL (Windows adds four zero octets)
 */
public record NtlmV2ClientChallenge(
    int respType,
    int hiRespType,
    int reserved1,
    int reserved2,
    long timeStamp,
    Octets challengeFromClient,
    int reserved3,
    AvPairs avPairs)
    implements Pdu {
  public static final String NAME = "NTLMv2_CLIENT_CHALLENGE";

  public static final int FIXED_PART_SIZE =
      1 // RespType
          + 1 // HiRespType
          + 2 // Reserved1
          + 4 // Reserved2
          + 8 // TimeStamp
          + 8 // ChallengeFromClient
          + 4; // Reserved3

  /** RespType and HiRespType of every NTLMv2 response. */
  public static final int CURRENT_RESP_TYPE = 1;

  public NtlmV2ClientChallenge {
    if (respType < 0 || respType > 0xFF || hiRespType < 0 || hiRespType > 0xFF) {
      throw new IllegalArgumentException("RespType and HiRespType are octets");
    }
    if (reserved1 < 0 || reserved1 > 0xFFFF) {
      throw new IllegalArgumentException("Reserved1 is 16 bits");
    }
    Objects.requireNonNull(challengeFromClient, "challengeFromClient");
    if (challengeFromClient.length() != 8) {
      throw new IllegalArgumentException("ChallengeFromClient must be 8 octets");
    }
    Objects.requireNonNull(avPairs, "avPairs");
  }

  /**
   * The client challenge a client builds (MS-NLMP 3.3.2): types 1, zero reserved fields, the time,
   * its 8 random octets and the AV pairs followed by {@code Z(4)}.
   */
  public static NtlmV2ClientChallenge of(long fileTime, Octets clientChallenge, AvPairs pairs) {
    return new NtlmV2ClientChallenge(
        CURRENT_RESP_TYPE,
        CURRENT_RESP_TYPE,
        0,
        0,
        fileTime,
        clientChallenge,
        0,
        pairs.withTrailing(Octets.of(new byte[4])));
  }

  /** Reads the structure to the end of the readable bytes. */
  public static NtlmV2ClientChallenge decode(ByteBuf in) {
    Wire.ensure(in, FIXED_PART_SIZE, NAME, "RespType");
    int respType = in.readUnsignedByte();
    int hiRespType = in.readUnsignedByte();
    int reserved1 = in.readUnsignedShortLE();
    int reserved2 = in.readIntLE();
    long timeStamp = in.readLongLE();
    Octets challenge = Octets.read(in, 8, NAME, "ChallengeFromClient");
    int reserved3 = in.readIntLE();
    AvPairs pairs = AvPairs.decode(in, NAME);
    return new NtlmV2ClientChallenge(
        respType, hiRespType, reserved1, reserved2, timeStamp, challenge, reserved3, pairs);
  }

  /** TimeStamp as an instant. */
  public Instant time() {
    return new AvPair.Timestamp(timeStamp).instant();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    return FIXED_PART_SIZE + avPairs.size();
  }

  @Override
  public void encode(ByteBuf out) {
    out.writeByte(respType);
    out.writeByte(hiRespType);
    out.writeShortLE(reserved1);
    out.writeIntLE(reserved2);
    out.writeLongLE(timeStamp);
    challengeFromClient.writeTo(out);
    out.writeIntLE(reserved3);
    avPairs.encode(out);
  }
}
