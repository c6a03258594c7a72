package dev.rdpprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * SLF4J's start in a process whose threads log at once, as a CLI process's do (Netty's classes log
 * below the level shown on several threads while the first one finds SLF4J's provider): SLF4J
 * queues those calls, replays them, and says so on stderr, unless {@link Main#processDefaults()}
 * has run. Each case is a new JVM, since SLF4J starts once per process.
 */
class Slf4jStartupTest {
  private static final String REPLAY = "SLF4J(W): A number";

  @Test
  void aCliProcessSaysNothingOfLoggingCallsMadeWhileSlf4jStarts() throws Exception {
    for (int i = 0; i < 3; i++) {
      String err = racingProcess("cli");
      assertFalse(err.contains("SLF4J("), err);
    }
  }

  @Test
  void withoutTheCliDefaultsTheSameProcessSaysItOnStderr() throws Exception {
    // the race the defaults are for does happen: SLF4J's own words on stderr
    String err = racingProcess("plain");
    assertTrue(err.contains(REPLAY), err);
  }

  private static String racingProcess(String mode) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(Racing.class.getName(), mode));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the racing process did not end");
    assertEquals(0, p.exitValue(), output);
    return output;
  }

  /** Eight threads log below the level shown while the main thread makes the first logger. */
  static final class Racing {
    public static void main(String[] args) throws InterruptedException {
      if (args[0].equals("cli")) {
        Main.processDefaults();
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String name = "racing-" + i;
        Thread t =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    return;
                  }
                  long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                  while (System.nanoTime() < end) {
                    LoggerFactory.getLogger(name).debug("a call below the level shown");
                  }
                });
        t.start();
        threads.add(t);
      }
      go.countDown();
      LoggerFactory.getLogger(Racing.class).debug("the first logger");
      for (Thread t : threads) {
        t.join();
      }
    }
  }
}
