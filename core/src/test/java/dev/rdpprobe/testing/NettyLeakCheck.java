package dev.rdpprobe.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reports a leaked {@link ByteBuf} (ARCHITECTURE.md, Rules: no
 * leaks). Netty's detector only logs; this listens to it and, after each class, collects garbage
 * and polls the detector so a leak made by the class is reported while it is still the one running.
 *
 * <p>Registered for every test class through {@code META-INF/services} and {@code
 * junit.jupiter.extensions.autodetection.enabled} in {@code junit-platform.properties}. It needs
 * leak detection on (the surefire argLine sets {@code paranoid}) and buffers from a leak-aware
 * allocator (pooled, or unpooled direct); unpooled heap buffers are not tracked.
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {
  private static final List<String> LEAKS = new ArrayList<>();
  private static boolean installed;

  private static synchronized void install() {
    if (!installed) {
      ByteBufUtil.setLeakListener(
          (resourceType, records) -> {
            synchronized (LEAKS) {
              LEAKS.add(resourceType + " leaked" + (records.isEmpty() ? "" : ":\n" + records));
            }
          });
      installed = true;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    install();
    drain(); // a leak from an earlier class that was reported late belongs to that class
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    if (ResourceLeakDetector.getLevel() == ResourceLeakDetector.Level.DISABLED) {
      return;
    }
    for (int round = 0; round < 3; round++) {
      System.gc();
      Thread.sleep(20);
      // the detector polls its reference queue when it tracks a new buffer
      ByteBuf probe = PooledByteBufAllocator.DEFAULT.buffer(1);
      probe.release();
    }
    List<String> leaks = drain();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          context.getDisplayName()
              + ": "
              + leaks.size()
              + " ByteBuf leak(s) reported by Netty:\n"
              + String.join("\n", leaks));
    }
  }

  private static List<String> drain() {
    synchronized (LEAKS) {
      List<String> out = new ArrayList<>(LEAKS);
      LEAKS.clear();
      return out;
    }
  }
}
