package io.chainblock.operator.pipeline;

import io.chainblock.api.v1alpha1.BlockSpec;
import io.chainblock.api.v1alpha1.ChainPipeline;
import io.chainblock.engine.storage.S3Config;
import io.chainblock.operator.OperatorConfig;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;

/**
 * The pod of one shard: the runtime image running {@code chainblock shard} for one block, the
 * index from the indexed Job, the plan from the run's ConfigMap, S3 keys as files from the
 * operator's Secret. It runs as a non-root user on a read-only root filesystem; spills and the
 * JVM's temporary files (native libraries of the codecs) go to emptyDirs.
 */
public final class ShardPodTemplate {
  public static final String CONTAINER = "shard";
  public static final String PLAN_DIR = "/etc/chainblock";
  public static final String PLAN_FILE = PLAN_DIR + "/" + PlanConfigMap.PLAN_KEY;
  public static final String SCRATCH_DIR = "/scratch";
  public static final String S3_KEYS_DIR = "/var/run/secrets/chainblock/s3";
  public static final String ACCESS_KEY = "accessKey";
  public static final String SECRET_KEY = "secretKey";
  /** Non-root and unprivileged; matches no system user of common base images. */
  static final long USER = 65532;

  private ShardPodTemplate() {}

  public static PodTemplateSpec build(ChainPipeline pipeline, BlockSpec block, String image, OperatorConfig config) {
    String planConfigMap = ResourceNames.planConfigMap(pipeline.getMetadata().getName(), pipeline.getMetadata().getUid());
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(RunLabels.of(pipeline, block.name))
        .withAnnotations(RunLabels.annotations(pipeline))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withNodeSelector(block.nodeSelector)
        .withTolerations(block.tolerations)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(USER)
        .withRunAsGroup(USER)
        .withFsGroup(USER)
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName(CONTAINER)
        .withImage(image)
        .withArgs("shard", "--plan", PLAN_FILE, "--block", block.name, "--scratch", SCRATCH_DIR)
        .withEnv(env(config))
        .withResources(block.resources)
        .withVolumeMounts(
            mount("plan", PLAN_DIR, true),
            mount("s3-keys", S3_KEYS_DIR, true),
            mount("scratch", SCRATCH_DIR, false),
            mount("tmp", "/tmp", false))
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .withNewSecurityContext()
        .withReadOnlyRootFilesystem(true)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .endSecurityContext()
        .endContainer()
        .withVolumes(volumes(planConfigMap, config.s3Secret()))
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(OperatorConfig config) {
    return List.of(
        new EnvVar(S3Config.ENDPOINT, config.s3Endpoint(), null),
        new EnvVar(S3Config.BUCKET, config.bucket(), null),
        new EnvVar(S3Config.ACCESS_KEY_FILE, S3_KEYS_DIR + "/" + ACCESS_KEY, null),
        new EnvVar(S3Config.SECRET_KEY_FILE, S3_KEYS_DIR + "/" + SECRET_KEY, null),
        // The Job controller counts each index's failed pods in this annotation: the attempt names
        // the objects a retry writes, so it never mixes with what a failed attempt left behind.
        // An ignored failure (a disruption) does not count, so its replacement reuses the number;
        // that is safe because, with a podFailurePolicy, the replacement starts only once the
        // disrupted pod has terminated, and objects appear whole or not at all.
        new EnvVarBuilder().withName("CHAINBLOCK_ATTEMPT").withNewValueFrom().withNewFieldRef()
            .withFieldPath("metadata.annotations['" + ShardReport.FAILURE_COUNT_ANNOTATION + "']")
            .endFieldRef().endValueFrom().build());
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(readOnly).build();
  }

  private static List<Volume> volumes(String planConfigMap, String s3Secret) {
    return List.of(
        new VolumeBuilder().withName("plan").withNewConfigMap().withName(planConfigMap).endConfigMap().build(),
        new VolumeBuilder().withName("s3-keys").withNewSecret().withSecretName(s3Secret)
            .addNewItem().withKey(ACCESS_KEY).withPath(ACCESS_KEY).endItem()
            .addNewItem().withKey(SECRET_KEY).withPath(SECRET_KEY).endItem()
            .endSecret().build(),
        new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build(),
        new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
  }
}
