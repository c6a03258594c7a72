package dev.rdpprobe.bench;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.gcc.ConferenceCreateResponse;
import dev.rdpprobe.wire.mcs.McsConnectResponse;
import dev.rdpprobe.wire.mcs.SendDataHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Basic Settings Exchange codec's hot paths on real bytes: decoding xrdp's MCS Connect Response
 * (testdata/mcs/xrdp-connect-response-high.hex, 517 bytes with a 2048-bit proprietary certificate)
 * with and without its GCC data blocks, and reading a Send Data header in place.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar McsCodecBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class McsCodecBenchmark {
  /** xrdp 0.9.21's Connect Response at crypt_level=high, captured by mcs-peers.sh. */
  static final String XRDP_CONNECT_RESPONSE =
      """
          03 00 02 05 02 f0 80 7f 66 82 01 f9 0a 01 00 02
          01 00 30 1a 02 01 16 02 01 03 02 01 00 02 01 01
          02 01 00 02 01 01 02 03 00 ff f8 02 01 02 04 82
          01 d3 00 05 00 14 7c 00 01 2a 14 76 0a 01 01 00
          01 c0 00 4d 63 44 6e 81 bc 01 0c 08 00 04 00 08
          00 03 0c 08 00 eb 03 00 00 02 0c ac 01 02 00 00
          00 03 00 00 00 20 00 00 00 78 01 00 00 a0 c6 b2
          a7 a7 76 cf 8a 03 35 ff 72 c5 de d7 1c 6a bc a5
          1d 9e f3 6d 60 fc 1d 2a f9 21 1a e3 67 01 00 00
          00 01 00 00 00 01 00 00 00 06 00 1c 01 52 53 41
          31 08 01 00 00 00 08 00 00 ff 00 00 00 01 00 01
          00 5f f0 1f 88 af 05 2b a1 d9 c2 6d 81 c8 79 fd
          90 a7 f5 7c 70 0e 67 62 a2 c2 ca e3 83 bc 1e d6
          66 0e 16 cc 69 29 59 8a be 99 5a 5f 59 b3 c5 73
          c6 fb 46 b7 1a 70 bc 07 f5 ce be 27 cb e6 fc a6
          32 27 cf 31 96 2f 78 4b 27 5f 71 19 0b 9a b0 35
          92 32 23 05 05 d4 82 03 99 27 7c 94 30 2f bf 60
          22 6b a2 3e 71 77 c0 bb 67 58 34 b7 b0 18 ae 13
          6e 00 2a 1b b4 96 d6 e2 dd 5c 04 db 7f e1 ce 8d
          45 11 5e 40 eb 04 06 b9 51 2a f0 53 bb 6c ff 27
          ab 60 a3 98 98 17 25 5d 5b ea 51 e1 39 e7 76 1b
          ae 2e cc 16 f1 04 5f d4 8a d6 8e 6d a9 fd d8 2c
          7e 77 06 43 b2 a4 fd 41 52 b0 97 2e d6 6d 0b 92
          c2 f6 e0 fb 62 af 03 c9 f0 af 87 95 f7 73 ea ca
          8f a0 14 b8 07 99 14 9a f8 72 f4 df 06 05 a8 dd
          c5 b2 ca cf df 43 8e 90 2e ea 61 49 72 07 a2 e7
          db 1b 48 a8 49 12 20 98 55 48 fb 16 89 20 12 25
          f7 00 00 00 00 00 00 00 00 08 00 48 00 61 62 43
          fe 19 b5 e6 7c 5d b4 16 b9 d2 b2 ce 6b e2 5b 70
          dd a4 21 7d 15 dd 40 13 b8 d2 78 4c d7 cc 17 bd
          9c 73 55 57 a6 6c 4d 2a a4 88 ef 63 84 08 bc 2e
          54 4e 84 91 df 13 3a fd b3 db c2 cb 72 00 00 00
          00 00 00 00 00
      """;

  /** freerdp-shadow's licensing Error Alert in a Send Data Indication. */
  static final String SEND_DATA_INDICATION =
      "03 00 00 23 02 f0 80 68 00 08 03 eb 70 80 14 80 00 00 00 ff 03 10 00 07 00 00 00 02 00"
          + " 00 00 04 00 00 00";

  private ByteBuf connectResponse;
  private ByteBuf sendData;

  @Setup(Level.Trial)
  public void setUp() {
    connectResponse = Unpooled.wrappedBuffer(Octets.fromHex(XRDP_CONNECT_RESPONSE).toByteArray());
    sendData = Unpooled.wrappedBuffer(Octets.fromHex(SEND_DATA_INDICATION).toByteArray());
    // fail here rather than measure exceptions
    decodeConnectResponse();
    decodeConnectResponseWithDataBlocks();
    readSendDataHeader();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    connectResponse.release();
    sendData.release();
  }

  /** TPKT, DT and the BER Connect-Response; the GCC user data copied as bytes. */
  @Benchmark
  public McsConnectResponse decodeConnectResponse() {
    connectResponse.readerIndex(0);
    return McsConnectResponse.decodeFramed(connectResponse);
  }

  /** The same, then the GCC Conference Create Response and its three server data blocks. */
  @Benchmark
  public ConferenceCreateResponse decodeConnectResponseWithDataBlocks() {
    connectResponse.readerIndex(0);
    return ConferenceCreateResponse.from(McsConnectResponse.decodeFramed(connectResponse));
  }

  /** The Send Data Indication header of a framed packet, the user data left in place. */
  @Benchmark
  public SendDataHeader readSendDataHeader() {
    sendData.readerIndex(0);
    return SendDataHeader.decodeFramed(sendData);
  }
}
