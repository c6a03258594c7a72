package dev.rdpprobe.wire.gcc;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.Wire;
import dev.rdpprobe.wire.mcs.DomainMcsPdu;
import dev.rdpprobe.wire.mcs.LengthForm;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.mcs.McsResult;
import dev.rdpprobe.wire.mcs.Per;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * GCC Conference Create Response (T.124 ConnectData carrying a ConnectGCCPDU
 * conferenceCreateResponse, in ALIGNED PER), as RDP servers send it in the userData of the MCS
 * Connect Response (MS-RDPBCGR 2.2.1.4, field gccCCrsp):
 *
 * <pre>
 * 00 05 00 14 7c 00 01  t124Identifier: object 0.0.20.124.0.1
 * 2a                    connectPDU length: 42 from Windows and xrdp, whatever follows
 * 14                    conferenceCreateResponse, userData present
 * 76 0a                 nodeID 0x79f3 (31219), sent less 1001
 * 01 01                 tag 1
 * 00                    result success (3 bits after the extension bit)
 * 01 c0 00 4d 63 44 6e  one UserData set, key h221NonStandard "McDn"
 * 81 08                 value length, then the server data blocks
 * </pre>
 *
 * @param nodeId nodeID (a T.124 UserID, 1001 to 66536)
 * @param tag tag
 * @param result result
 * @param userData the server data blocks
 * @param connectPduLength the connectPDU length as declared when it is not the actual length of
 *     what follows it (Windows and xrdp always declare 42), else null
 * @param userDataLengthForm how the value's length determinant was written (Windows Server 2012 era
 *     servers write {@code 80 28} for 40)
 */
public record ConferenceCreateResponse(
    int nodeId,
    int tag,
    ConferenceCreateResult result,
    ServerDataBlocks userData,
    Integer connectPduLength,
    LengthForm userDataLengthForm)
    implements Pdu {
  public static final String NAME = "GCC Conference Create Response";

  /** The nodeID Windows sends. */
  public static final int NODE_ID = 0x79F3;

  /** The connectPDU length Windows and xrdp declare, whatever the actual length. */
  public static final int WINDOWS_CONNECT_PDU_LENGTH = 42;

  /** The bytes from the ConnectGCCPDU CHOICE to the value's length, with a one-octet tag. */
  public static final int FIXED_PART_SIZE =
      1 // ConnectGCCPDU CHOICE conferenceCreateResponse, extension bit, userData present
          + 2 // nodeID, less 1001
          + 2 // tag: length, one octet
          + 1 // result: extension bit, 3 bits, padding
          + ConnectData.USER_DATA_HEADER_SIZE; // one UserData set keyed "McDn"

  public ConferenceCreateResponse {
    if (nodeId < DomainMcsPdu.BASE_CHANNEL_ID || nodeId > DomainMcsPdu.BASE_CHANNEL_ID + 0xFFFF) {
      throw new IllegalArgumentException("nodeID out of range: " + nodeId);
    }
    if (tag < 0) {
      throw new IllegalArgumentException("negative tag: " + tag);
    }
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(userData, "userData");
    Objects.requireNonNull(userDataLengthForm, "userDataLengthForm");
    int blocks = userData.size();
    if (blocks > Per.MAX_LENGTH) {
      throw new IllegalArgumentException("user data too long: " + blocks);
    }
    userDataLengthForm = LengthForm.canonical(userDataLengthForm, blocks);
    int actual = bodySize(tag, blocks, userDataLengthForm);
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

  private static int bodySize(int tag, int blocks, LengthForm form) {
    return FIXED_PART_SIZE - 2 + Per.integerSize(tag) + Per.lengthSize(blocks, form) + blocks;
  }

  /**
   * A successful response as Windows sends it: nodeID 0x79F3, tag 1, connectPDU length 42, the
   * value length in the shortest form.
   */
  public static ConferenceCreateResponse of(ServerDataBlocks userData) {
    return new ConferenceCreateResponse(
        NODE_ID,
        1,
        ConferenceCreateResult.SUCCESS,
        userData,
        WINDOWS_CONNECT_PDU_LENGTH,
        LengthForm.SHORTEST);
  }

  /**
   * Reads the response: the whole userData of an MCS Connect Response. The end is where the data
   * blocks end (the connectPDU length is not trusted); bytes after it are left unread.
   */
  public static ConferenceCreateResponse decode(ByteBuf in) {
    int declared = ConnectData.readHeader(in, NAME);
    int bodyStart = in.readerIndex();
    Wire.ensure(in, 1, NAME, "ConnectGCCPDU");
    int choice = in.readUnsignedByte();
    if ((choice & 0xF0) != 0x10) {
      // the extension bit and the 3-bit CHOICE index: 1 is conferenceCreateResponse
      throw new DecodeException(
          DecodeException.Kind.UNEXPECTED_MESSAGE_TYPE,
          NAME,
          "ConnectGCCPDU",
          bodyStart,
          choice,
          "0x14 (conferenceCreateResponse)");
    }
    if (choice != 0x14) {
      throw Wire.invalid(
          NAME, "options", bodyStart, choice, "0x14 (no extension, userData present)");
    }
    int nodeId = Per.readInteger16(in, DomainMcsPdu.BASE_CHANNEL_ID, NAME, "nodeID");
    int tag = Per.readInteger(in, NAME, "tag");
    int resultOffset = in.readerIndex();
    Wire.ensure(in, 1, NAME, "result");
    int resultOctet = in.readUnsignedByte();
    if ((resultOctet & 0x8F) != 0) {
      throw Wire.invalid(
          NAME, "result", resultOffset, resultOctet, "no extension bit, low 4 bits 0");
    }
    ConferenceCreateResult result = new ConferenceCreateResult(resultOctet >> 4);
    ConnectData.readUserDataHeader(in, ConnectData.SERVER_KEY, NAME);
    LengthForm form = Per.peekLengthForm(in);
    int length = Per.readLength(in, NAME, "userData length");
    ServerDataBlocks blocks = ConnectData.readValue(in, length, NAME, ServerDataBlocks::decode);
    int actual = in.readerIndex() - bodyStart;
    return new ConferenceCreateResponse(
        nodeId, tag, result, blocks, declared == actual ? null : declared, form);
  }

  /**
   * Decodes the userData of an MCS Connect Response, which must hold the response and nothing else.
   */
  public static ConferenceCreateResponse from(McsConnectResponse connectResponse) {
    ByteBuf in = connectResponse.userData().asByteBuf();
    ConferenceCreateResponse response = decode(in);
    Wire.ensureEnd(in, NAME);
    return response;
  }

  /** A successful MCS Connect Response carrying this response, as Windows answers. */
  public McsConnectResponse toConnectResponse() {
    return McsConnectResponse.success(Octets.encode(this));
  }

  /** An MCS Connect Response with this result carrying this response. */
  public McsConnectResponse toConnectResponse(McsResult mcsResult) {
    McsConnectResponse success = toConnectResponse();
    return new McsConnectResponse(
        mcsResult,
        success.calledConnectId(),
        success.domainParameters(),
        success.userData(),
        success.berStyle());
  }

  /** The actual length of the connectPDU: the bytes after its length determinant. */
  public int actualConnectPduLength() {
    return bodySize(tag, userData.size(), userDataLengthForm);
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
    out.writeByte(0x14);
    Per.writeInteger16(out, nodeId, DomainMcsPdu.BASE_CHANNEL_ID);
    Per.writeInteger(out, tag);
    out.writeByte(result.value() << 4);
    ConnectData.writeUserDataHeader(out, ConnectData.SERVER_KEY);
    Per.writeLength(out, blocks, userDataLengthForm);
    userData.encode(out);
  }

  @Override
  public String summary() {
    return "result="
        + result
        + ", "
        + userData.blocks().size()
        + " server data blocks: "
        + userData.summary();
  }
}
