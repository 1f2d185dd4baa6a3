/**
 * Network building blocks that DJL does not provide, written on DJL's {@code Block} API so that
 * any detkit model can use them and the profiler counts them.
 */
package io.detkit.detector.nn;
