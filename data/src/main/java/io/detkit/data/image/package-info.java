/**
 * Image decoding and letterboxing on OpenCV.
 *
 * <ul>
 *   <li>{@link io.detkit.data.image.ImageDecoder}: JPEG/PNG (any OpenCV format) to 3-channel BGR
 *       8-bit {@code Mat}s, with errors that name the file, and DCT-domain reduced decoding.
 *   <li>{@link io.detkit.data.image.Letterbox}: aspect-preserving resize and centred grey padding
 *       with Ultralytics' arithmetic, returning the image and a
 *       {@link io.detkit.data.image.LetterboxTransform} that maps boxes into the canvas and back.
 *   <li>{@link io.detkit.data.image.OpenCvNatives}: the one place the OpenCV natives are loaded.
 * </ul>
 * Every {@code Mat} a method returns belongs to the caller, who must release it.
 */
package io.detkit.data.image;
