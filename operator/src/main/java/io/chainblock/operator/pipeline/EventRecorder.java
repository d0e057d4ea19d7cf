package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.ChainPipeline;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a pipeline's events as Kubernetes Events, which {@code kubectl describe} and {@code kubectl events} show. */
final class EventRecorder {
  static final String COMPONENT = "chainblock-operator";
  /** Longer messages are cut: an Event's note is meant to be short. */
  private static final int MAX_MESSAGE = 1024;
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;

  EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  /** Best effort: a lost event must not stop the pipeline, so failures are logged, not thrown. */
  void record(ChainPipeline pipeline, PipelineEvent event, Instant now) {
    String message = event.message().length() <= MAX_MESSAGE ? event.message()
        : event.message().substring(0, MAX_MESSAGE - 3) + "...";
    Event k8sEvent = new EventBuilder()
        .withNewMetadata()
        .withGenerateName(pipeline.getMetadata().getName() + ".")
        .withNamespace(pipeline.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(pipeline.getApiVersion())
        .withKind(pipeline.getKind())
        .withName(pipeline.getMetadata().getName())
        .withNamespace(pipeline.getMetadata().getNamespace())
        .withUid(pipeline.getMetadata().getUid())
        .endInvolvedObject()
        .withType(event.reason().type())
        .withReason(event.reason().name())
        .withMessage(message)
        .withFirstTimestamp(now.toString())
        .withLastTimestamp(now.toString())
        .withCount(1)
        .withNewSource().withComponent(COMPONENT).endSource()
        .withReportingComponent(COMPONENT)
        .build();
    try {
      client.v1().events().inNamespace(pipeline.getMetadata().getNamespace()).resource(k8sEvent).create();
    } catch (KubernetesClientException e) {
      LOG.warn("cannot record event {} of {}/{}: {}", event.reason(), pipeline.getMetadata().getNamespace(),
          pipeline.getMetadata().getName(), e.getMessage());
    }
  }
}
