package io.detkit.metrics.voc;

/** The two Pascal VOC ways of turning a precision/recall curve into an average precision. */
public enum ApMethod {
    /** VOC2010 and later: area under the precision envelope, every recall point used. */
    ALL_POINT,
    /** VOC2007: mean of the precision envelope at 11 recall levels, see {@link ElevenPointGrid}. */
    ELEVEN_POINT
}
