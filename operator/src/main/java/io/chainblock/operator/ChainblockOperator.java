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

  static Operator create(OperatorConfig config, KubernetesClient client, OperatorMetrics metrics,
      List<Reconciler<? extends HasMetadata>> reconcilers) {
    Operator operator = new Operator(overrider -> {
      overrider.withKubernetesClient(client).withMetrics(new ReconcileTimer(metrics));
      if (config.leaderElection()) {
        overrider.withLeaderElectionConfiguration(LeaderElectionConfigurationBuilder
            .aLeaderElectionConfiguration(LEASE_NAME)
            .withLeaseNamespace(config.leaseNamespace())
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
