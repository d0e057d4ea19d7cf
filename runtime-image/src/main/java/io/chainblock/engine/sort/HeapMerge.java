package io.chainblock.engine.sort;

import io.chainblock.engine.format.RecordCursor;
import io.chainblock.engine.record.KeyOrder;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Streams the k-way merge of sorted cursors through a binary heap of cursor indexes. Ties go to
 * the cursor listed first, so the merge is stable and its result deterministic.
 */
final class HeapMerge implements RecordCursor {
  private final RecordCursor[] cursors;
  private final KeyOrder order;
  private final Closeable afterClose;
  private final int[] heap;
  private int size;
  private boolean started;
  private byte[] key;
  private byte[] subkey;
  private byte[] value;

  /** Takes ownership of the cursors; {@code afterClose} runs once they are all closed. */
  HeapMerge(List<RecordCursor> cursors, KeyOrder order, Closeable afterClose) throws IOException {
    this.cursors = cursors.toArray(RecordCursor[]::new);
    this.order = order;
    this.afterClose = afterClose;
    this.heap = new int[this.cursors.length];
    for (int i = 0; i < this.cursors.length; i++) {
      if (this.cursors[i].next()) {
        heap[size++] = i;
        siftUp(size - 1);
      }
    }
  }

  @Override
  public boolean next() throws IOException {
    if (started && size > 0) {
      if (cursors[heap[0]].next()) {
        siftDown(0);
      } else {
        heap[0] = heap[--size];
        siftDown(0);
      }
    }
    started = true;
    if (size == 0) {
      key = subkey = value = null;
      return false;
    }
    RecordCursor top = cursors[heap[0]];
    key = top.key();
    subkey = top.subkey();
    value = top.value();
    return true;
  }

  @Override
  public byte[] key() {
    return key;
  }

  @Override
  public byte[] subkey() {
    return subkey;
  }

  @Override
  public byte[] value() {
    return value;
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (RecordCursor cursor : cursors) {
      try {
        cursor.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    try {
      afterClose.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private boolean less(int a, int b) {
    RecordCursor x = cursors[a];
    RecordCursor y = cursors[b];
    int c = order.compare(x.key(), x.subkey(), y.key(), y.subkey());
    return c < 0 || c == 0 && a < b;
  }

  private void siftUp(int i) {
    int item = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!less(item, heap[parent])) {
        break;
      }
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = item;
  }

  private void siftDown(int i) {
    int item = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && less(heap[child + 1], heap[child])) {
        child++;
      }
      if (!less(heap[child], item)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = item;
  }
}
