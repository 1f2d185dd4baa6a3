package io.detkit.conformance;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps class names of text and XML reference files to dense ids, in order of first appearance. */
final class ClassNames {
    private final Map<String, Integer> ids = new LinkedHashMap<>();

    int id(String name) {
        return ids.computeIfAbsent(name, n -> ids.size());
    }
}
