package dev.rdpprobe.tls;

import java.util.Arrays;

/** A growable byte array with a read position; no Netty, so nothing to release. */
final class ByteQueue {
  private byte[] data = new byte[INITIAL_CAPACITY];
  private int start;
  private int end;

  int size() {
    return end - start;
  }

  byte[] array() {
    return data;
  }

  int start() {
    return start;
  }

  int get(int index) {
    return data[start + index] & 0xFF;
  }

  void add(byte[] bytes, int off, int len) {
    if (end + len > data.length) {
      int size = size();
      if (size + len <= data.length / 2) {
        System.arraycopy(data, start, data, 0, size);
      } else {
        data = Arrays.copyOfRange(data, start, start + Math.max(2 * (size + len), 256));
      }
      start = 0;
      end = size;
    }
    System.arraycopy(bytes, off, data, end, len);
    end += len;
  }

  /** Removes and returns the first {@code n} bytes. */
  byte[] take(int n) {
    byte[] out = Arrays.copyOfRange(data, start, start + n);
    skip(n);
    return out;
  }

  /** The first {@code n} bytes, left in place. */
  byte[] peek(int n) {
    return Arrays.copyOfRange(data, start, start + n);
  }

  void skip(int n) {
    start += n;
    if (start == end) {
      clear();
    }
  }

  /**
   * Empties the queue; an array grown past {@link #KEPT_CAPACITY} for a burst goes with it: a
   * capture's analysis holds the queues of every open connection, most of them idle.
   */
  void clear() {
    start = 0;
    end = 0;
    if (data.length > KEPT_CAPACITY) {
      data = new byte[INITIAL_CAPACITY];
    }
  }

  private static final int INITIAL_CAPACITY = 256;
  private static final int KEPT_CAPACITY = 2048;
}
