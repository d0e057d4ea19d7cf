package io.chainblock.engine.plan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Finds the cycles among blocks, one per strongly connected group, each as the shortest path
 * from the group's first block (in spec order) back to itself.
 */
final class Cycles {
  private final List<List<Integer>> consumers;
  private final int[] index;
  private final int[] lowLink;
  private final boolean[] onStack;
  private final Deque<Integer> stack = new ArrayDeque<>();
  private final List<List<Integer>> cycles = new ArrayList<>();
  private int counter;

  private Cycles(List<List<Integer>> consumers) {
    this.consumers = consumers;
    int size = consumers.size();
    index = new int[size];
    lowLink = new int[size];
    onStack = new boolean[size];
    Arrays.fill(index, -1);
  }

  /**
   * @param consumers for every block (by spec index), the blocks reading it, in spec order;
   *     a block reading itself is not an edge here (it is reported on its own)
   * @return each cycle as block indexes, first block repeated at the end, ordered by first block
   */
  static List<List<Integer>> find(List<List<Integer>> consumers) {
    Cycles search = new Cycles(consumers);
    for (int block = 0; block < consumers.size(); block++) {
      if (search.index[block] < 0) {
        search.connect(block);
      }
    }
    search.cycles.sort((a, b) -> Integer.compare(a.get(0), b.get(0)));
    return search.cycles;
  }

  // Tarjan's algorithm; pipelines have few blocks, so recursion depth is no concern.
  private void connect(int block) {
    index[block] = lowLink[block] = counter++;
    stack.push(block);
    onStack[block] = true;
    for (int consumer : consumers.get(block)) {
      if (index[consumer] < 0) {
        connect(consumer);
        lowLink[block] = Math.min(lowLink[block], lowLink[consumer]);
      } else if (onStack[consumer]) {
        lowLink[block] = Math.min(lowLink[block], index[consumer]);
      }
    }
    if (lowLink[block] == index[block]) {
      List<Integer> group = new ArrayList<>();
      int member;
      do {
        member = stack.pop();
        onStack[member] = false;
        group.add(member);
      } while (member != block);
      if (group.size() > 1) {
        cycles.add(shortestCycle(group));
      }
    }
  }

  private List<Integer> shortestCycle(List<Integer> group) {
    int start = group.stream().min(Integer::compare).orElseThrow();
    int[] previous = new int[consumers.size()];
    Arrays.fill(previous, -1);
    Deque<Integer> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      int at = queue.poll();
      for (int next : consumers.get(at)) {
        if (!group.contains(next)) {
          continue;
        }
        if (next == start) {
          List<Integer> path = new ArrayList<>(List.of(start));
          for (int step = at; step != start; step = previous[step]) {
            path.add(1, step);
          }
          path.add(start);
          return path;
        }
        if (previous[next] < 0) {
          previous[next] = at;
          queue.add(next);
        }
      }
    }
    throw new IllegalStateException("a strongly connected group without a cycle through " + start);
  }
}
