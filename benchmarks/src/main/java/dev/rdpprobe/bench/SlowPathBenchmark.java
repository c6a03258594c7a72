package dev.rdpprobe.bench;

import dev.rdpprobe.wire.Octets;
import dev.rdpprobe.wire.Pdu;
import dev.rdpprobe.wire.mcs.SendDataFrame;
import dev.rdpprobe.wire.slowpath.ServerSlowPath;
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
 * The server PDUs after the Client Info PDU, on real bytes: xrdp's Demand Active PDU (capability
 * sets decoded) and freerdp-shadow's licensing Error Alert, each from its TPKT header through the
 * slow-path dispatcher.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SlowPathBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SlowPathBenchmark {
  /**
   * xrdp 0.9.21's Demand Active, captured by mcs-peers.sh (testdata/mcs/xrdp-demand-active.hex).
   */
  static final String XRDP_DEMAND_ACTIVE =
      """
          03 00 01 8d 02 f0 80 68 00 06 03 eb 70 81 7e 7e
          01 11 00 ef 03 ea 03 01 00 04 00 68 01 52 44 50
          00 0a 00 00 00 09 00 08 00 ef 03 b5 e2 01 00 18
          00 01 00 03 00 00 02 00 00 00 00 00 04 00 00 00
          00 00 00 01 01 02 00 1c 00 20 00 01 00 01 00 01
          00 00 04 00 03 00 00 01 00 01 00 00 00 00 00 00
          00 0e 00 04 00 03 00 58 00 00 00 00 00 00 00 00
          00 00 00 00 00 00 00 00 00 40 42 0f 00 01 00 14
          00 00 00 01 00 2f 00 22 00 01 01 01 01 00 00 00
          00 01 00 01 00 00 00 00 00 00 00 01 00 00 00 00
          00 00 00 00 01 00 00 00 00 a1 06 02 00 40 42 0f
          00 40 42 0f 00 01 00 00 00 00 00 00 00 1d 00 5d
          00 04 b9 1b 8d ca 0f 00 4f 15 58 9f ae 2d 1a 87
          e2 d6 01 03 00 01 01 03 12 2f 77 76 72 bd 63 44
          af b3 b7 3c 9c 6f 78 86 00 04 00 00 00 00 00 d4
          cc 44 27 8a 9d 74 4e 80 3c 0e cb ee a1 9c 54 00
          04 00 00 00 00 00 e6 4c af 1b ed 9e 0c 43 86 9a
          cb 8b 37 b6 62 37 00 01 00 4b 0a 00 08 00 06 00
          00 00 08 00 0a 00 01 00 19 00 19 00 0d 00 58 00
          15 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00
          00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
          00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
          00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
          00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
          00 00 00 00 06 00 05 00 00 00 00 00 00
      """;

  private ByteBuf demandActive;
  private ByteBuf licenseError;

  @Setup(Level.Trial)
  public void setUp() {
    demandActive = Unpooled.wrappedBuffer(Octets.fromHex(XRDP_DEMAND_ACTIVE).toByteArray());
    licenseError =
        Unpooled.wrappedBuffer(
            Octets.fromHex(McsCodecBenchmark.SEND_DATA_INDICATION).toByteArray());
    // fail here rather than measure exceptions
    decodeDemandActive();
    decodeLicenseError();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    demandActive.release();
    licenseError.release();
  }

  /** TPKT, DT, Send Data Indication, Share Control Header, the capability sets. */
  @Benchmark
  public SendDataFrame<Pdu> decodeDemandActive() {
    demandActive.readerIndex(0);
    return ServerSlowPath.decodeFramed(demandActive);
  }

  /** The same envelope around a License Error with STATUS_VALID_CLIENT. */
  @Benchmark
  public SendDataFrame<Pdu> decodeLicenseError() {
    licenseError.readerIndex(0);
    return ServerSlowPath.decodeFramed(licenseError);
  }
}
