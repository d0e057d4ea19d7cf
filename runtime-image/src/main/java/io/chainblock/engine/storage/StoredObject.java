package io.chainblock.engine.storage;

public record StoredObject(String path, long size) {}
