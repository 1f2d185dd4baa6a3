package io.detkit.detector.optim;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.detkit.detector.config.RunConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the optimizer of {@code train.optimizer}.
 *
 * <table>
 * <caption>How the config keys map</caption>
 * <tr><th>name</th><th>class</th><th>keys used</th></tr>
 * <tr><td>sgd</td><td>{@link Sgd}</td><td>momentum (0: plain SGD), nesterov, weight_decay (L2)</td></tr>
 * <tr><td>adam</td><td>{@link Adam}</td><td>momentum = β₁, beta2, eps, weight_decay (L2)</td></tr>
 * <tr><td>adamw</td><td>{@link AdamW}</td><td>momentum = β₁, beta2, eps, weight_decay (decoupled)</td></tr>
 * <tr><td>nadam</td><td>{@link NAdam}</td><td>momentum = β₁, beta2, eps, weight_decay (L2);
 *     momentum decay 4e-3</td></tr>
 * <tr><td>rmsprop</td><td>{@link RmsProp}</td><td>rho = α, eps, weight_decay (L2)</td></tr>
 * <tr><td>adagrad</td><td>{@link AdaGrad}</td><td>eps, weight_decay (L2)</td></tr>
 * <tr><td>adadelta</td><td>{@link AdaDelta}</td><td>rho, eps, weight_decay (L2)</td></tr>
 * </table>
 * {@code lr} is not read here: it is the base of the {@link LrSchedule} (see {@link LrSchedules}).
 * {@code l1} sets {@link DetkitOptimizer#setL1} for every kind.
 */
public final class Optimizers {
    private Optimizers() {}

    /**
     * Creates the optimizer of a config.
     *
     * @param cfg the {@code train.optimizer} section
     * @param schedule the learning-rate schedule, e.g. from {@link LrSchedules#create}
     * @return a new optimizer with no state, its L1 penalty set from {@code cfg.l1}
     * @throws IllegalArgumentException for an unknown name or a value out of range
     */
    public static DetkitOptimizer create(RunConfig.Optimizer cfg, LrSchedule schedule) {
        DetkitOptimizer opt = rule(cfg, schedule);
        opt.setL1(cfg.l1);
        return opt;
    }

    private static DetkitOptimizer rule(RunConfig.Optimizer cfg, LrSchedule schedule) {
        double wd = cfg.weightDecay;
        return switch (cfg.name) {
            case "sgd" -> new Sgd(schedule, cfg.momentum, cfg.nesterov, wd);
            case "adam" -> new Adam(schedule, cfg.momentum, cfg.beta2, cfg.eps, wd);
            case "adamw" -> new AdamW(schedule, cfg.momentum, cfg.beta2, cfg.eps, wd);
            case "nadam" -> new NAdam(schedule, cfg.momentum, cfg.beta2, cfg.eps, wd);
            case "rmsprop" -> new RmsProp(schedule, cfg.rho, cfg.eps, wd);
            case "adagrad" -> new AdaGrad(schedule, cfg.eps, wd);
            case "adadelta" -> new AdaDelta(schedule, cfg.rho, cfg.eps, wd);
            default -> throw new IllegalArgumentException("unknown train.optimizer.name '" + cfg.name
                    + "'; one of sgd, adam, adamw, nadam, rmsprop, adagrad, adadelta");
        };
    }

    /**
     * Ids of the parameters that usually get no weight decay (nor L1 penalty): biases and
     * normalization γ/β (the Ultralytics grouping), and parameters of type OTHER such as PReLU's
     * learnable slopes (not decayed in the PReLU paper). Pass them to
     * {@link DetkitOptimizer#setNoDecay}.
     *
     * @param block an initialized block
     * @return parameter ids of type BIAS, GAMMA, BETA or OTHER
     */
    public static List<String> noDecayIds(Block block) {
        List<String> ids = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter.Type type = p.getValue().getType();
            if (type == Parameter.Type.BIAS || type == Parameter.Type.GAMMA || type == Parameter.Type.BETA
                    || type == Parameter.Type.OTHER) {
                ids.add(p.getValue().getId());
            }
        }
        return ids;
    }
}
