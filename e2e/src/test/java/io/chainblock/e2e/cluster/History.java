package io.chainblock.e2e.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Every version of some objects the API server sent while the test ran, in order: what a test
 * needs to say how a status evolved, which polling might miss. Started before the objects are
 * created, so it sees each from its first version.
 */
final class History<T extends HasMetadata> implements AutoCloseable {
  /** One version of one object; {@code deleted} for the last one of a deleted object. */
  record Version<T>(T object, boolean deleted) {}

  private final List<Version<T>> versions = new ArrayList<>();
  private final SharedIndexInformer<T> informer;

  private History(Informable<T> resources) {
    informer = resources.inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        record(object, false);
      }

      @Override
      public void onUpdate(T before, T after) {
        // a resync repeats the version it holds; that is not a change
        if (!before.getMetadata().getResourceVersion().equals(after.getMetadata().getResourceVersion())) {
          record(after, false);
        }
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        record(object, true);
      }
    });
  }

  static <T extends HasMetadata> History<T> of(Informable<T> resources) {
    return new History<>(resources);
  }

  private synchronized void record(T object, boolean deleted) {
    versions.add(new Version<>(object, deleted));
  }

  /** The versions of the objects named {@code name}, oldest first. */
  synchronized List<T> of(String name) {
    return matching(o -> name.equals(o.getMetadata().getName())).stream().map(Version::object).toList();
  }

  synchronized List<Version<T>> matching(Predicate<T> filter) {
    return new ArrayList<>(versions.stream().filter(v -> filter.test(v.object())).toList());
  }

  @Override
  public void close() {
    informer.close();
  }
}
