package io.chainblock.engine.plan;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The name an enum constant has in YAML: its {@code @JsonProperty}, else its Java name. */
final class EnumNames {
  private EnumNames() {}

  static String yamlName(Enum<?> constant) {
    try {
      JsonProperty property = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
      return property == null ? constant.name() : property.value();
    } catch (NoSuchFieldException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
