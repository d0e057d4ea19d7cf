package io.chainblock.engine.sort;

/**
 * Sorts an array of record ids without boxing. The order must be total (ties broken by id), which
 * also makes the result the same as a stable sort.
 */
final class IndexSort {
  private static final int INSERTION_THRESHOLD = 16;

  interface IdOrder {
    int compare(int a, int b);
  }

  private IndexSort() {}

  static void sort(int[] ids, int from, int to, IdOrder order) {
    while (to - from > INSERTION_THRESHOLD) {
      int p = partition(ids, from, to, order);
      // Recurse into the smaller side so the stack stays logarithmic.
      if (p - from < to - p - 1) {
        sort(ids, from, p, order);
        from = p + 1;
      } else {
        sort(ids, p + 1, to, order);
        to = p;
      }
    }
    insertionSort(ids, from, to, order);
  }

  /** Hoare-style partition around the median of three; returns the pivot's final index. */
  private static int partition(int[] ids, int from, int to, IdOrder order) {
    int last = to - 1;
    int mid = (from + last) >>> 1;
    if (order.compare(ids[mid], ids[from]) < 0) {
      swap(ids, mid, from);
    }
    if (order.compare(ids[last], ids[from]) < 0) {
      swap(ids, last, from);
    }
    if (order.compare(ids[last], ids[mid]) < 0) {
      swap(ids, last, mid);
    }
    swap(ids, mid, last - 1);
    int pivot = ids[last - 1];
    int i = from;
    int j = last - 1;
    while (true) {
      do {
        i++;
      } while (order.compare(ids[i], pivot) < 0);
      do {
        j--;
      } while (order.compare(ids[j], pivot) > 0);
      if (i >= j) {
        break;
      }
      swap(ids, i, j);
    }
    swap(ids, i, last - 1);
    return i;
  }

  private static void insertionSort(int[] ids, int from, int to, IdOrder order) {
    for (int i = from + 1; i < to; i++) {
      int id = ids[i];
      int j = i - 1;
      while (j >= from && order.compare(ids[j], id) > 0) {
        ids[j + 1] = ids[j];
        j--;
      }
      ids[j + 1] = id;
    }
  }

  private static void swap(int[] ids, int i, int j) {
    int t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }
}
