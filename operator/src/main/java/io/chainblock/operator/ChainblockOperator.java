package io.chainblock.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.util.List;

/**
 * The JOSDK operator as configured: leader election through a Lease in the operator's namespace,
 * every reconcile timed into {@link OperatorMetrics}, and the given reconcilers watching the
 * configured namespaces (all of them when none is configured).
 */
final class ChainblockOperator {
  static final String LEASE_NAME = "chainblock-operator";

  private ChainblockOperator() {}

  /**
   * @param exitWhenLeadershipLost whether losing the Lease (or stopping) ends the process, so that
   *     a replica that is no longer leader restarts clean; an operator embedded in tests keeps its JVM
   */
  static Operator create(OperatorConfig config, KubernetesClient client, OperatorMetrics metrics,
      List<Reconciler<? extends HasMetadata>> reconcilers, boolean exitWhenLeadershipLost) {
    Operator operator = new Operator(overrider -> {
      // The client belongs to whoever made it, not to the operator that uses it.
      overrider.withKubernetesClient(client).withCloseClientOnStop(false).withMetrics(new ReconcileTimer(metrics));
      if (config.leaderElection()) {
        overrider.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder
            .aLeaderElectionConfiguration(LEASE_NAME)
            .withLeaseNamespace(config.leaseNamespace())
            .withExitOnStopLeading(exitWhenLeadershipLost)
            .build());
      }
    });
    for (Reconciler<? extends HasMetadata> reconciler : reconcilers) {
      operator.register(reconciler, overrider -> {
        if (config.watchNamespaces().isEmpty()) {
          overrider.watchingAllNamespaces();
        } else {
          overrider.settingNamespaces(config.watchNamespaces());
        }
      });
    }
    return operator;
  }
}
