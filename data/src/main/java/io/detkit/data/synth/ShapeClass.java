package io.detkit.data.synth;

import java.util.List;
import java.util.Locale;

/**
 * The shape classes of the synthetic dataset, in their fixed class-index order: {@code ordinal()}
 * is the class index ({@code 0..C−1}), the YOLO class id, and {@code ordinal() + 1} the COCO
 * category id.
 */
public enum ShapeClass {
    /** A filled disc. */
    CIRCLE,
    /** A filled square at any rotation. */
    SQUARE,
    /** A filled equilateral triangle at any rotation. */
    TRIANGLE,
    /** A filled five-pointed star at any rotation. */
    STAR,
    /** A filled plus-shaped cross at any rotation. */
    CROSS,
    /** A disc with a concentric hole (the background shows through the hole). */
    RING;

    private static final List<String> NAMES = List.of(values()).stream().map(ShapeClass::label).toList();

    /** @return the class name, the constant's name in lower case ({@code "circle"}, ...) */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the class names in class-index order */
    public static List<String> names() {
        return NAMES;
    }
}
