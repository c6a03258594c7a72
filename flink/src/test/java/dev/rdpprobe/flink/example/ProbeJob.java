package dev.rdpprobe.flink.example;

import dev.rdpprobe.flink.HostPort;
import dev.rdpprobe.flink.RdpProbeFunction;
import dev.rdpprobe.trace.Phase;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

public class ProbeJob {
  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataStream<String> targets = env.fromData(List.of(args)); // or Kafka, files, ...
    RdpProbeFunction probe =
        RdpProbeFunction.builder()
            .specs(t -> HostPort.builder(t).stopAfter(Phase.TLS_HANDSHAKE).build())
            .deadline(Duration.ofSeconds(20))
            .build();
    RdpProbeFunction.probe(targets, probe, 256) // at most 256 in flight per instance
        .print(); // one JSON document per target, as rdp-probe --json prints it
    env.execute("rdp-probe");
  }
}
