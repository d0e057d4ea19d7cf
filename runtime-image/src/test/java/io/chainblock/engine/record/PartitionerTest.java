package io.chainblock.engine.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The partition hash is a documented contract: a program in any language must compute the same shard. */
class PartitionerTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theHashIsFnv1a64AsPublished() {
    assertThat(Partitioner.hash(bytes(""))).isEqualTo(0xcbf29ce484222325L);
    assertThat(Partitioner.hash(bytes("a"))).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(Partitioner.hash(bytes("foobar"))).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void theShardIsTheHashReadUnsignedModuloTheShardCount() {
    // 0x85944171f73967e8 is negative as a signed long; read unsigned it is 9625390261332436968
    assertThat(Partitioner.partition(bytes("foobar"), 7)).isEqualTo(6);
    assertThat(Partitioner.partition(bytes("foobar"), 10)).isEqualTo(8);
    assertThat(Partitioner.partition(bytes("a"), 1)).isZero();
  }
}
