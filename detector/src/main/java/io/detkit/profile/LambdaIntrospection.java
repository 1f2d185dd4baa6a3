package io.detkit.profile;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the values a DJL {@code LambdaBlock} captured, such as the kernel, stride and padding
 * {@code Shape}s behind {@code Pool.maxPool2dBlock(kernel, stride, padding)}.
 *
 * <p>DJL's pooling blocks are plain {@code LambdaBlock}s named {@code maxPool2d}, {@code avgPool2d},
 * ...; their geometry lives only in the lambda's captured arguments. This class follows the
 * lambda's fields (and those of lambdas it captured) in declaration order, which for a
 * non-serializable Java lambda is the capture order. It is best effort: when the JDK's lambda
 * layout or DJL's code changes, it finds nothing, and the profiler says the pool's geometry is
 * unknown instead of guessing. Callers check the result against the layer's actual output shape.
 */
final class LambdaIntrospection {
    private static final int MAX_DEPTH = 3;

    private LambdaIntrospection() {}

    /** Captured values, in capture order, of the block's lambda and the lambdas it wraps. */
    static List<Object> capturedValues(LambdaBlock block) {
        List<Object> out = new ArrayList<>();
        try {
            Field f = LambdaBlock.class.getDeclaredField("lambda");
            f.setAccessible(true);
            collect(f.get(block), 0, out);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** The {@code Shape}s among the captured values, in capture order. */
    static List<Shape> capturedShapes(LambdaBlock block) {
        List<Shape> shapes = new ArrayList<>();
        for (Object o : capturedValues(block)) {
            if (o instanceof Shape s) {
                shapes.add(s);
            }
        }
        return shapes;
    }

    /** The first captured {@code boolean} (the {@code ceilMode} of DJL's pools), or {@code null}. */
    static Boolean firstCapturedBoolean(LambdaBlock block) {
        for (Object o : capturedValues(block)) {
            if (o instanceof Boolean b) {
                return b;
            }
        }
        return null;
    }

    private static void collect(Object fn, int depth, List<Object> out) throws IllegalAccessException {
        if (fn == null || depth > MAX_DEPTH || !fn.getClass().isSynthetic()) {
            return;
        }
        for (Field f : fn.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Object v = f.get(fn);
            if (v != null && v.getClass().isSynthetic()) {
                collect(v, depth + 1, out);
            } else {
                out.add(v);
            }
        }
    }
}
