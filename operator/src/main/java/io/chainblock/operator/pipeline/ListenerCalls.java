package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.ChainPipeline;
import java.time.Duration;

/** Passes the events of a reconcile to a {@link PipelineListener}. */
final class ListenerCalls {
  private ListenerCalls() {}

  static void tell(PipelineListener listener, ChainPipeline pipeline, PipelineEvent event) {
    String namespace = pipeline.getMetadata().getNamespace();
    String name = pipeline.getMetadata().getName();
    Duration duration = event.duration() == null ? Duration.ZERO : event.duration();
    switch (event.reason()) {
      case BlockStarted -> {
        listener.blockStarted(namespace, name, event.block());
        if (event.duration() != null) {
          listener.transition(namespace, name, event.block(), event.duration());
        }
      }
      case BlockSucceeded -> listener.blockFinished(namespace, name, event.block(), true, duration);
      case BlockFailed -> listener.blockFinished(namespace, name, event.block(), false, duration);
      case PipelineSucceeded -> listener.pipelineFinished(namespace, name, true, duration);
      case PipelineFailed -> listener.pipelineFinished(namespace, name, false, duration);
      default -> { }
    }
  }
}
