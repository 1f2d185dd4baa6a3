package io.detkit.detector.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A trainable array as an optimizer sees it: the {@code id} DJL passes to
 * {@link ai.djl.training.optimizer.Optimizer#update} (a random UUID for a {@link Parameter}, new in
 * every process), a {@code name} that stays the same across processes (the block's parameter path,
 * e.g. {@code 01SequentialBlock_02Conv2d_weight}), and the array itself. Checkpoints store state by
 * name; loading maps names back to the ids and arrays of the model at hand.
 *
 * @param name stable name
 * @param id id used by {@code update}
 * @param weight the parameter's array
 */
public record ParamRef(String name, String id, NDArray weight) {
    /**
     * Checks the fields.
     *
     * @param name stable name
     * @param id id used by {@code update}
     * @param weight the parameter's array
     */
    public ParamRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(weight, "weight");
    }

    /**
     * All initialized parameters of a block, in the block's order.
     *
     * @param block an initialized block
     * @return one entry per parameter
     */
    public static List<ParamRef> of(Block block) {
        List<ParamRef> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.isInitialized()) {
                out.add(new ParamRef(p.getKey(), param.getId(), param.getArray()));
            }
        }
        return out;
    }

    /**
     * Arrays whose ids are already stable names (tests, hand-made parameter sets).
     *
     * @param weightsById arrays by id
     * @return one entry per array, name = id
     */
    public static List<ParamRef> byId(Map<String, NDArray> weightsById) {
        List<ParamRef> out = new ArrayList<>();
        weightsById.forEach((id, w) -> out.add(new ParamRef(id, id, w)));
        return out;
    }
}
