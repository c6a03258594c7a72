package dev.rdpprobe.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's example job is {@code example.ProbeJob}, character for character, so it compiles. */
class ReadmeJobTest {
  @Test
  void theReadmesJobIsProbeJobWithoutItsPackageLine() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/dev/rdpprobe/flink/example/ProbeJob.java"))
            .replaceFirst("package dev\\.rdpprobe\\.flink\\.example;\n\n", "");
    Matcher block =
        Pattern.compile("```java\n(import dev\\.rdpprobe\\.flink\\..*?)```", Pattern.DOTALL)
            .matcher(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
    assertTrue(block.find(), "README has the example job");
    assertEquals(source, block.group(1), "README's job and ProbeJob.java differ");
  }
}
