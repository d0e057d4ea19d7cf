package io.chainblock.engine.function.builtin;

import io.chainblock.engine.record.Record;


/** Re-emits every record unchanged; broadcasts are not data and are dropped. */
final class Identity extends PerRecordFunction {
  @Override
  public void record(Record record) {
    emitter.emit(record);
  }
}
