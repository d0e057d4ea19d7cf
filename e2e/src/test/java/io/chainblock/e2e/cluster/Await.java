package io.chainblock.e2e.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something the cluster does in its own time, checking every half second, up to a limit. */
final class Await {
  private static final Duration POLL = Duration.ofMillis(500);

  private Await() {}

  /**
   * The first value {@code probe} returns, polled until it is present; fails after {@code timeout}
   * with {@code what} and the {@code diagnostics} of that moment.
   */
  static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> diagnostics) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + ", in vain\n" + diagnostics.get());
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Polls {@code condition} until it holds, as {@link #until}. */
  static void holds(String what, Duration timeout, BooleanSupplier condition, Supplier<String> diagnostics) {
    until(what, timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty(), diagnostics);
  }
}
