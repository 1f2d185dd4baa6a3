/**
 * Small numeric helpers shared by the evaluators: growable primitive lists, NumPy-compatible
 * grids and stable index sorts.
 */
package io.detkit.metrics.util;
