package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.mcs.LengthForm;
import dev.rdpprobe.wire.mcs.McsConnectInitial;
import dev.rdpprobe.wire.mcs.Per;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * GCC Conference Create Request (T.124 ConnectData carrying a ConnectGCCPDU
 * conferenceCreateRequest, in ALIGNED PER), as RDP clients send it in the userData of the MCS
 * Connect Initial (MS-RDPBCGR 2.2.1.3, field gccCCrq):
 *
 * <pre>
 * 00 05 00 14 7c 00 01  t124Identifier: object 0.0.20.124.0.1
 * 81 2a                 connectPDU length
 * 00 08                 conferenceCreateRequest, only the userData option present
 * 00 10                 conferenceName: numeric "1"
 * 00                    lockedConference, listedConference, conductibleConference FALSE,
 *                       terminationMethod automatic
 * 01 c0 00 44 75 63 61  one UserData set, key h221NonStandard "Duca"
 * 81 1c                 value length, then the client data blocks
 * </pre>
 *
 * Only this shape is decoded; a request with other options set is rejected naming the field.
 *
 * @param conferenceName conferenceName, numeric ("1" in RDP)
 * @param userData the client data blocks
 * @param connectPduLength the connectPDU length as declared when it is not the actual length of
 *     what follows it, else null
 * @param userDataLengthForm how the value's length determinant was written
 */
public record ConferenceCreateRequest(
    String conferenceName,
    ClientDataBlocks userData,
    Integer connectPduLength,
    LengthForm userDataLengthForm)
    implements Pdu {
  public static final String NAME = "GCC Conference Create Request";

  /** The bytes from the ConnectGCCPDU CHOICE to the value's length, with conferenceName "1". */
  public static final int FIXED_PART_SIZE =
      1 // ConnectGCCPDU CHOICE conferenceCreateRequest, extension bit, first 4 option bits
          + 1 // last 4 option bits (userData present), ConferenceName extension and text bits
          + 2 // conferenceName: length less 1, then one digit per 4 bits ("1")
          + 1 // lockedConference, listedConference, conductibleConference, terminationMethod
          + ConnectData.USER_DATA_HEADER_SIZE; // one UserData set keyed "Duca"

  /** The conference name RDP clients send. */
  public static final String CONFERENCE_NAME = "1";

  public ConferenceCreateRequest {
    Objects.requireNonNull(conferenceName, "conferenceName");
    if (!Per.isNumericString(conferenceName, 1)) {
      throw new IllegalArgumentException(
          "conferenceName must be 1 to 255 digits: " + conferenceName);
    }
    Objects.requireNonNull(userData, "userData");
    Objects.requireNonNull(userDataLengthForm, "userDataLengthForm");
    int blocks = userData.size();
    if (blocks > Per.MAX_LENGTH) {
      throw new IllegalArgumentException("user data too long: " + blocks);
    }
    userDataLengthForm = LengthForm.canonical(userDataLengthForm, blocks);
    int actual = bodySize(conferenceName, blocks, userDataLengthForm);
    if (actual > Per.MAX_LENGTH) {
      throw new IllegalArgumentException("connectPDU too long: " + actual);
    }
    if (connectPduLength != null) {
      if (connectPduLength < 0 || connectPduLength > Per.MAX_LENGTH) {
        throw new IllegalArgumentException("connectPDU length out of range: " + connectPduLength);
      }
      if (connectPduLength == actual) {
        connectPduLength = null;
      }
    }
  }

  private static int bodySize(String conferenceName, int blocks, LengthForm form) {
    return FIXED_PART_SIZE
        - 2
        + Per.numericStringSize(conferenceName)
        + Per.lengthSize(blocks, form)
        + blocks;
  }

  /** The request as RDP clients send it: conference "1", lengths as they are. */
  public static ConferenceCreateRequest of(ClientDataBlocks userData) {
    return new ConferenceCreateRequest(CONFERENCE_NAME, userData, null, LengthForm.SHORTEST);
  }

  /**
   * Reads the request: the whole userData of an MCS Connect Initial. The end is where the data
   * blocks end (the connectPDU length is not trusted); bytes after it are left unread.
   */
  public static ConferenceCreateRequest decode(ByteBuf in) {
    int declared = ConnectData.readHeader(in, NAME);
    int bodyStart = in.readerIndex();
    Wire.ensure(in, 2, NAME, "ConnectGCCPDU");
    int choice = in.readUnsignedByte();
    if (choice != 0x00) {
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          NAME,
          "ConnectGCCPDU",
          bodyStart,
          choice,
          "0x00 (conferenceCreateRequest)");
    }
    int options = in.readUnsignedByte();
    if (options != 0x08) {
      throw Wire.invalid(NAME, "options", bodyStart + 1, options, "0x08 (only userData present)");
    }
    String conferenceName = Per.readNumericString(in, 1, NAME, "conferenceName");
    int flagsOffset = in.readerIndex();
    Wire.ensure(in, 1, NAME, "lockedConference");
    int flags = in.readUnsignedByte();
    if (flags != 0) {
      throw Wire.invalid(
          NAME, "lockedConference", flagsOffset, flags, "0x00 (FALSE, FALSE, FALSE, automatic)");
    }
    ConnectData.readUserDataHeader(in, ConnectData.CLIENT_KEY, NAME);
    LengthForm form = Per.peekLengthForm(in);
    int length = Per.readLength(in, NAME, "userData length");
    ClientDataBlocks blocks = ConnectData.readValue(in, length, NAME, ClientDataBlocks::decode);
    int actual = in.readerIndex() - bodyStart;
    return new ConferenceCreateRequest(
        conferenceName, blocks, declared == actual ? null : declared, form);
  }

  /**
   * Decodes the userData of an MCS Connect Initial, which must hold the request and nothing else.
   */
  public static ConferenceCreateRequest from(McsConnectInitial connectInitial) {
    ByteBuf in = connectInitial.userData().asByteBuf();
    ConferenceCreateRequest request = decode(in);
    Wire.ensureEnd(in, NAME);
    return request;
  }

  /** An MCS Connect Initial carrying this request, as {@link McsConnectInitial#of} builds it. */
  public McsConnectInitial toConnectInitial() {
    return McsConnectInitial.of(Octets.encode(this));
  }

  /** The actual length of the connectPDU: the bytes after its length determinant. */
  public int actualConnectPduLength() {
    return bodySize(conferenceName, userData.size(), userDataLengthForm);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int size() {
    int actual = actualConnectPduLength();
    return ConnectData.headerSize(connectPduLength == null ? actual : connectPduLength) + actual;
  }

  @Override
  public void encode(ByteBuf out) {
    int blocks = userData.size();
    ConnectData.writeHeader(
        out, connectPduLength == null ? actualConnectPduLength() : connectPduLength);
    out.writeByte(0x00);
    out.writeByte(0x08);
    Per.writeNumericString(out, conferenceName, 1);
    out.writeByte(0x00);
    ConnectData.writeUserDataHeader(out, ConnectData.CLIENT_KEY);
    Per.writeLength(out, blocks, userDataLengthForm);
    userData.encode(out);
  }

  @Override
  public String summary() {
    return userData.blocks().size() + " client data blocks: " + userData.summary();
  }
}
