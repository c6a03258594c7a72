package dev.rdpprobe.fuzz;

import dev.rdpprobe.wire.DecodeException;
import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.gcc.ConferenceCreateRequest;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Records that a PDU carries as opaque bytes, so the mutators reach their fields too: the MCS
 * Connect Initial's userData is a GCC Conference Create Request (MS-RDPBCGR 2.2.1.3) with the
 * client data blocks. A blob is opened only when its record re-encodes to the same bytes.
 */
final class Carried {
  private Carried() {}

  /** A blob component, by the end of its path, and the decoder of what it carries. */
  private record Opener(String component, Function<ByteBuf, ? extends Pdu> decoder) {}

  private static final List<Opener> OPENERS =
      List.of(new Opener("userData", ConferenceCreateRequest::decode));

  /** The record {@code blob} at {@code path} carries, or null. */
  static Pdu open(String path, Octets blob) {
    for (Opener o : OPENERS) {
      if (!path.equals(o.component()) && !path.endsWith("." + o.component())) {
        continue;
      }
      ByteBuf in = blob.asByteBuf();
      try {
        Pdu inner = o.decoder().apply(in);
        if (!in.isReadable() && Arrays.equals(FieldMap.encode(inner), blob.toByteArray())) {
          return inner;
        }
      } catch (DecodeException | IllegalArgumentException e) {
        // not what this component carries here
      } finally {
        in.release();
      }
    }
    return null;
  }
}
