package org.openll.negotiator.match;

import java.util.Arrays;

/**
 * A binary min-heap of machines by rank, as primitive keys: preferred first, then most free CPUs,
 * then machine index (the pool sorted by name). An entry keeps the free CPUs it was ranked with, so
 * its owner can tell a stale entry and rank it again. Not thread-safe.
 */
final class RankHeap {
  private static final int INDEX_BITS = 24;
  private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
  private static final int FREE_BITS = 30;
  private static final long FREE_MAX = (1L << FREE_BITS) - 1;

  private long[] keys;
  private int size;

  RankHeap(int capacity) {
    keys = new long[Math.max(4, capacity)];
  }

  static long key(boolean preferred, int freeCpus, int index) {
    long free = Math.max(0, Math.min(FREE_MAX, freeCpus));
    return (preferred ? 0L : 1L) << (INDEX_BITS + FREE_BITS) | (FREE_MAX - free) << INDEX_BITS | index;
  }

  static int index(long key) {
    return (int) (key & INDEX_MASK);
  }

  static int free(long key) {
    return (int) (FREE_MAX - ((key >>> INDEX_BITS) & FREE_MAX));
  }

  static boolean preferred(long key) {
    return (key >>> (INDEX_BITS + FREE_BITS)) == 0;
  }

  /** Adds without ordering; call {@link #heapify()} before the first {@link #poll()}. */
  void append(long key) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size++] = key;
  }

  void heapify() {
    for (int i = size / 2 - 1; i >= 0; i--) {
      down(i);
    }
  }

  void add(long key) {
    append(key);
    int i = size - 1;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= key) {
        break;
      }
      keys[i] = keys[parent];
      i = parent;
    }
    keys[i] = key;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The smallest key; the heap must not be empty. */
  long poll() {
    long top = keys[0];
    keys[0] = keys[--size];
    if (size > 0) {
      down(0);
    }
    return top;
  }

  private void down(int i) {
    long key = keys[i];
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      int right = child + 1;
      if (right < size && keys[right] < keys[child]) {
        child = right;
      }
      if (key <= keys[child]) {
        break;
      }
      keys[i] = keys[child];
      i = child;
    }
    keys[i] = key;
  }
}
