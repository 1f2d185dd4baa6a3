package io.detkit.detector.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/**
 * A training run, as read from a YAML file ({@link RunConfigLoader}). Every key is documented in
 * {@code configs/README.md}; unknown keys and wrong types are errors that name the key path and
 * the line. Fields hold the defaults; a YAML file only states what differs.
 */
public final class RunConfig {
    /** Run name: outputs go to {@code output.dir/name}. */
    public String name = "run";
    /** The model. */
    public Model model = new Model();
    /** The dataset. */
    public Data data = new Data();
    /** The training recipe. */
    public Train train = new Train();
    /** Validation during and after training. */
    public Val val = new Val();
    /** Outputs. */
    public Output output = new Output();

    /** {@code model:} section. */
    public static final class Model {
        /** {@code yolo} or {@code faster_rcnn}. */
        public String type = "yolo";
        /** Size preset: {@code t}, {@code n} or {@code s} for YOLO. */
        public String size = "n";
        /** Activation: silu, relu, leaky_relu, prelu, elu, selu, mish, gelu, tanh, sigmoid, maxout. */
        public String activation = "silu";
        /** Slope of leaky_relu. */
        @JsonProperty("leaky_slope")
        public double leakySlope = 0.1;
        /** α of elu. */
        @JsonProperty("elu_alpha")
        public double eluAlpha = 1.0;
        /** Initial slope of prelu (learnable per channel). */
        @JsonProperty("prelu_init")
        public double preluInit = 0.25;
        /** Pieces k of maxout. */
        @JsonProperty("maxout_pieces")
        public int maxoutPieces = 2;
        /** Input size in pixels (square, multiple of 32). */
        public int imgsz = 320;
        /** Attention blocks in the backbone: none, se, cbam. */
        public String attention = "none";
        /** Reduction r of the attention MLP. */
        @JsonProperty("attention_reduction")
        public int attentionReduction = 16;
        /** CBAM's spatial kernel. */
        @JsonProperty("attention_kernel")
        public int attentionKernel = 7;
        /** Backbone C2f stages (2..5) followed by an attention block. */
        @JsonProperty("attention_stages")
        public List<Integer> attentionStages = new ArrayList<>(List.of(2, 3, 4, 5));
        /** Faster R-CNN settings (used when {@code type} is {@code faster_rcnn}). */
        public Rcnn rcnn = new Rcnn();
    }

    /** {@code model.rcnn:} section (Faster R-CNN; torchvision's defaults except the widths). */
    public static final class Rcnn {
        /** Channels of every FPN level. */
        @JsonProperty("fpn_channels")
        public int fpnChannels = 64;
        /** Anchor sizes √(w·h) in input pixels, one list per FPN level P3, P4, P5. */
        @JsonProperty("anchor_sizes")
        public List<List<Double>> anchorSizes = new ArrayList<>(List.of(List.of(32.0, 64.0), List.of(128.0, 256.0), List.of(512.0)));
        /** Anchor aspect ratios h/w. */
        @JsonProperty("aspect_ratios")
        public List<Double> aspectRatios = new ArrayList<>(List.of(0.5, 1.0, 2.0));
        /** RPN settings. */
        public RcnnRpn rpn = new RcnnRpn();
        /** Box head settings. */
        public RcnnRoi roi = new RcnnRoi();
    }

    /** {@code model.rcnn.rpn:} section. */
    public static final class RcnnRpn {
        /** Proposals kept per level before NMS while training. */
        @JsonProperty("pre_nms_top_k_train")
        public int preNmsTopKTrain = 2000;
        /** Proposals kept per level before NMS at inference. */
        @JsonProperty("pre_nms_top_k_test")
        public int preNmsTopKTest = 1000;
        /** Proposals kept per image after NMS while training. */
        @JsonProperty("post_nms_top_k_train")
        public int postNmsTopKTrain = 2000;
        /** Proposals kept per image after NMS at inference. */
        @JsonProperty("post_nms_top_k_test")
        public int postNmsTopKTest = 1000;
        /** IoU of the proposal NMS. */
        @JsonProperty("nms_iou")
        public double nmsIou = 0.7;
        /** Anchors with IoU ≥ this are positive. */
        @JsonProperty("fg_iou")
        public double fgIou = 0.7;
        /** Anchors with IoU below this are negative. */
        @JsonProperty("bg_iou")
        public double bgIou = 0.3;
        /** Anchors sampled per image. */
        @JsonProperty("batch_per_image")
        public int batchPerImage = 256;
        /** Largest positive fraction of the sampled anchors. */
        @JsonProperty("positive_fraction")
        public double positiveFraction = 0.5;
    }

    /** {@code model.rcnn.roi:} section. */
    public static final class RcnnRoi {
        /** RoIAlign bins per side. */
        @JsonProperty("output_size")
        public int outputSize = 7;
        /** RoIAlign sample points per bin side (≤ 0: adaptive). */
        @JsonProperty("sampling_ratio")
        public int samplingRatio = 2;
        /** Width of the box head's two fully connected layers. */
        @JsonProperty("head_dim")
        public int headDim = 256;
        /** Proposals with IoU ≥ this are foreground. */
        @JsonProperty("fg_iou")
        public double fgIou = 0.5;
        /** Proposals sampled per image. */
        @JsonProperty("batch_per_image")
        public int batchPerImage = 512;
        /** Largest foreground fraction of the sampled proposals. */
        @JsonProperty("positive_fraction")
        public double positiveFraction = 0.25;
        /** RoI size that the FPN level rule sends to P4 (224 as the FPN paper; smaller for small inputs). */
        @JsonProperty("canonical_size")
        public int canonicalSize = 224;
    }

    /** {@code data:} section. */
    public static final class Data {
        /** Dataset path: a YOLO data YAML, a COCO JSON, a VOC folder; relative to the config file. */
        public String path = "";
        /** Generate the synthetic dataset here when {@code path} does not exist. */
        public Synth synth = new Synth();
        /** What to do with bad records: fail, skip, clip. */
        public String policy = "fail";
        /** Keep decoded images in memory. */
        public boolean cache = true;
        /** Loader threads; 0 loads each batch in the training thread (fastest when the engine uses every core). */
        public int workers = 0;
        /** Train-time augmentation. */
        public Augment augment = new Augment();
    }

    /** {@code data.synth:} section. */
    public static final class Synth {
        /** Generate when the dataset path is missing. */
        public boolean enabled = false;
        /** Number of images (train + val). */
        public int images = 1000;
        /** Seed. */
        public long seed = 0;
        /** Fraction for the val split. */
        @JsonProperty("val_fraction")
        public double valFraction = 0.2;
    }

    /** {@code data.augment:} section (Ultralytics names). */
    public static final class Augment {
        /** Horizontal flip probability. */
        public double fliplr = 0.5;
        /** Mosaic probability. */
        public double mosaic = 1.0;
        /** Close mosaic for the last N epochs. */
        @JsonProperty("close_mosaic")
        public int closeMosaic = 2;
        /** Scale gain (± fraction). */
        public double scale = 0.5;
        /** Translation (± fraction of size). */
        public double translate = 0.1;
        /** Hue gain. */
        @JsonProperty("hsv_h")
        public double hsvH = 0.015;
        /** Saturation gain. */
        @JsonProperty("hsv_s")
        public double hsvS = 0.7;
        /** Value gain. */
        @JsonProperty("hsv_v")
        public double hsvV = 0.4;
    }

    /** {@code train:} section. */
    public static final class Train {
        /** Epochs. */
        public int epochs = 30;
        /** Batch size. */
        public int batch = 16;
        /** Seed for weights, shuffling and augmentation. */
        public long seed = 0;
        /** auto, cpu, gpu or gpu:N. */
        public String device = "auto";
        /** Optimizer. */
        public Optimizer optimizer = new Optimizer();
        /** Learning-rate schedule. */
        public Schedule schedule = new Schedule();
        /** Gradient clipping. */
        public Clip clip = new Clip();
        /** Exponential moving average of weights. */
        public Ema ema = new Ema();
        /** Early stopping. */
        @JsonProperty("early_stop")
        public EarlyStop earlyStop = new EarlyStop();
        /** Loss weights and options. */
        public Loss loss = new Loss();
        /**
         * Deprecated alias of {@code train.optimizer.l1} (the L1 penalty moved into the optimizer);
         * kept so that configs and checkpoints written before the move still load. Added to it.
         */
        @JsonProperty("l1")
        public double l1 = 0;
    }

    /** {@code train.optimizer:} section. */
    public static final class Optimizer {
        /** sgd, adam, adamw, nadam, rmsprop, adagrad, adadelta. */
        public String name = "adamw";
        /** Base learning rate. */
        public double lr = 0.002;
        /** SGD momentum / Adam β1. */
        public double momentum = 0.9;
        /** Adam β2. */
        public double beta2 = 0.999;
        /** Adam / RMSProp ε. */
        public double eps = 1e-8;
        /** Weight decay (L2 for SGD/Adam, decoupled for AdamW). */
        @JsonProperty("weight_decay")
        public double weightDecay = 5e-4;
        /** Nesterov momentum for SGD. */
        public boolean nesterov = false;
        /** RMSProp / AdaDelta decay ρ. */
        public double rho = 0.9;
        /** L1 penalty λ: g ← g + λ·sign(w) for the weights that get weight decay (0: off). */
        public double l1 = 0;
    }

    /** {@code train.schedule:} section. */
    public static final class Schedule {
        /** constant, step, multistep, cosine, linear, inverse_sqrt, poly, onecycle. */
        public String name = "cosine";
        /** Final LR as a fraction of the base LR (cosine, linear, poly). */
        @JsonProperty("final_lr_ratio")
        public double finalLrRatio = 0.01;
        /** Warm-up length in epochs (fractions allowed). */
        @JsonProperty("warmup_epochs")
        public double warmupEpochs = 1;
        /** Warm-up length in iterations (overrides epochs when > 0). */
        @JsonProperty("warmup_iters")
        public int warmupIters = 0;
        /** Step size in epochs (step). */
        @JsonProperty("step_size")
        public int stepSize = 10;
        /** Milestones in epochs (multistep). */
        public List<Integer> milestones = new ArrayList<>(List.of(20, 25));
        /** Decay factor (step, multistep). */
        public double gamma = 0.1;
        /** Power (poly). */
        public double power = 1.0;
    }

    /** {@code train.clip:} section. */
    public static final class Clip {
        /** Clip by global L2 norm (0: off). */
        public double norm = 10.0;
        /** Clip each gradient value to [−value, value] (0: off). */
        public double value = 0;
    }

    /** {@code train.ema:} section. */
    public static final class Ema {
        /** Keep an EMA of the weights and validate with it. */
        public boolean enabled = true;
        /** Final decay. */
        public double decay = 0.9999;
        /** Ramp: decay_t = decay·(1 − exp(−t/tau)). */
        public double tau = 2000;
    }

    /** {@code train.early_stop:} section. */
    public static final class EarlyStop {
        /** Stop after this many epochs without a better fitness (0: off). */
        public int patience = 0;
    }

    /** {@code train.loss:} section. */
    public static final class Loss {
        /** Box loss weight. */
        public double box = 7.5;
        /** Classification loss weight. */
        public double cls = 0.5;
        /** Box loss: ciou, giou, diou, iou. */
        @JsonProperty("box_type")
        public String boxType = "ciou";
        /** Classification loss: bce, focal, varifocal. */
        @JsonProperty("cls_type")
        public String clsType = "bce";
        /** Focal γ. */
        @JsonProperty("focal_gamma")
        public double focalGamma = 2.0;
        /** Focal α. */
        @JsonProperty("focal_alpha")
        public double focalAlpha = 0.25;
        /** Varifocal α (weight of the negatives). */
        @JsonProperty("varifocal_alpha")
        public double varifocalAlpha = 0.75;
        /** Varifocal γ. */
        @JsonProperty("varifocal_gamma")
        public double varifocalGamma = 2.0;
        /** Label smoothing ε of the classification targets: t ← t·(1 − ε) + ε/2 (bce, focal). */
        @JsonProperty("label_smoothing")
        public double labelSmoothing = 0;
    }

    /** {@code val:} section. */
    public static final class Val {
        /** Validate every N epochs (0: only at the end). */
        public int every = 1;
        /** Confidence threshold for validation detections. */
        public double conf = 0.001;
        /** NMS IoU threshold. */
        public double iou = 0.6;
        /** Max detections per image. */
        @JsonProperty("max_det")
        public int maxDet = 300;
        /** Validation batch size. */
        public int batch = 16;
        /**
         * Input size of validation and of the trained model's inference ({@code Detector.load},
         * {@code detkit val/predict}), a multiple of 32; 0: {@code model.imgsz}.
         */
        public int imgsz = 0;

        /**
         * @param trainSize {@code model.imgsz}
         * @return the validation and inference input size
         */
        public int size(int trainSize) {
            return imgsz > 0 ? imgsz : trainSize;
        }
    }

    /** {@code output:} section. */
    public static final class Output {
        /** Root folder of runs. */
        public String dir = "runs";
        /** Overwrite an existing run folder instead of making name2, name3, ... */
        @JsonProperty("exist_ok")
        public boolean existOk = false;
        /** Also keep a checkpoint every N epochs (0: only best and last). */
        @JsonProperty("save_period")
        public int savePeriod = 0;
    }
}
