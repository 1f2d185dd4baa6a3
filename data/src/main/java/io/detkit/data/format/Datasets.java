package io.detkit.data.format;

import io.detkit.data.DetectionDataset;
import io.detkit.data.validate.CleanDataset;
import io.detkit.data.validate.DatasetProblemsException;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Policy;
import io.detkit.data.validate.Problem;
import io.detkit.data.validate.Severity;
import io.detkit.data.validate.ValidationReport;
import io.detkit.data.validate.Validator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one entry point for reading and writing detection datasets in COCO JSON, Pascal VOC XML and
 * YOLO txt (and reading dlib XML).
 *
 * <ul>
 *   <li>{@link #read} is strict: it returns the dataset as written, and throws
 *       {@link DatasetProblemsException} listing every record it could not read (malformed lines,
 *       unknown classes, duplicate ids, missing images of YOLO…). Warnings (a label file without
 *       image) do not stop it. Boxes are not checked against their image: see {@link Validator}.
 *   <li>{@link #load} never throws for a bad record: it returns what it could read with the
 *       problems it found, each naming file and line/record.
 *   <li>{@link #readChecked} loads, validates and applies a {@link Policy}: what training uses.
 *   <li>{@link #write} writes a dataset, every file atomically.
 * </ul>
 * A path that does not exist, or a file that is not parseable as a whole (JSON/YAML syntax error),
 * gives a {@link DatasetFormatException} naming file and line.
 */
public final class Datasets {
    private Datasets() {}

    /**
     * Reads a dataset, telling its format from the path ({@link Format#detect}).
     *
     * @param path a COCO JSON, a YOLO data YAML or folder, a VOC folder, a dlib XML
     * @return the dataset
     * @throws DatasetProblemsException when records cannot be read (the message lists them all)
     * @throws IOException when the path cannot be read at all
     */
    public static DetectionDataset read(Path path) throws IOException {
        return read(path, null, ReadOptions.defaults());
    }

    /**
     * Reads a dataset in a given format.
     *
     * @param path the dataset path
     * @param format its format, or null to detect it
     * @return the dataset
     * @throws DatasetProblemsException when records cannot be read (the message lists them all)
     * @throws IOException when the path cannot be read at all
     */
    public static DetectionDataset read(Path path, Format format) throws IOException {
        return read(path, format, ReadOptions.defaults());
    }

    /**
     * Reads a dataset in a given format with options.
     *
     * @param path the dataset path
     * @param format its format, or null to detect it
     * @param options image folder, names file, split
     * @return the dataset
     * @throws DatasetProblemsException when records cannot be read (the message lists them all)
     * @throws IOException when the path cannot be read at all
     */
    public static DetectionDataset read(Path path, Format format, ReadOptions options) throws IOException {
        LoadedDataset l = load(path, format, options);
        List<Problem> errors = l.problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw new DatasetProblemsException(path.toString(), errors);
        }
        return l.dataset();
    }

    /**
     * Loads a dataset, telling its format from the path, and keeps going past bad records.
     *
     * @param path the dataset path
     * @return the dataset with its sources and the reader's problems
     * @throws IOException when the path cannot be read at all
     */
    public static LoadedDataset load(Path path) throws IOException {
        return load(path, null, ReadOptions.defaults());
    }

    /**
     * Loads a dataset and keeps going past bad records.
     *
     * @param path the dataset path
     * @param format its format, or null to detect it
     * @param options image folder, names file, split
     * @return the dataset with its sources and the reader's problems
     * @throws IOException when the path cannot be read at all
     */
    public static LoadedDataset load(Path path, Format format, ReadOptions options) throws IOException {
        Format f = format != null ? format : Format.detect(path);
        return switch (f) {
            case COCO -> CocoReader.load(Files.isDirectory(path) ? cocoFile(path) : path, options);
            case VOC -> VocReader.load(path, options);
            case YOLO -> YoloReader.load(path, options);
            case DLIB -> DlibReader.load(Files.isDirectory(path) ? dlibFile(path) : path, options);
        };
    }

    /**
     * Loads, validates, and applies a policy: the dataset training should use.
     *
     * @param path the dataset path
     * @param format its format, or null to detect it
     * @param options image folder, names file, split
     * @param policy what to do with bad records
     * @return the dataset after the policy, with counts of what was dropped or clipped
     * @throws DatasetProblemsException under {@link Policy#FAIL} when there are errors
     * @throws IOException when the path cannot be read at all
     */
    public static CleanDataset readChecked(Path path, Format format, ReadOptions options, Policy policy)
            throws IOException {
        LoadedDataset l = load(path, format, options);
        ValidationReport r = Validator.defaults().validate(l);
        return policy.apply(l, r);
    }

    /**
     * Writes a dataset with the default options.
     *
     * @param dataset the dataset
     * @param target the output: a folder (YOLO, VOC, COCO) or a {@code .json} (COCO) / {@code .yaml} (YOLO) file
     * @param format the format
     * @return what was written
     * @throws IOException if writing fails or the format cannot hold the dataset
     */
    public static WriteResult write(DetectionDataset dataset, Path target, Format format) throws IOException {
        return write(dataset, target, format, WriteOptions.defaults());
    }

    /**
     * Writes a dataset.
     *
     * @param dataset the dataset
     * @param target the output: a folder (YOLO, VOC, COCO) or a {@code .json} (COCO) / {@code .yaml} (YOLO) file
     * @param format the format
     * @param options what to do with the images
     * @return what was written
     * @throws IOException if writing fails or the format cannot hold the dataset
     */
    public static WriteResult write(DetectionDataset dataset, Path target, Format format, WriteOptions options)
            throws IOException {
        return switch (format) {
            case COCO -> CocoWriter.write(dataset, target, options);
            case VOC -> VocWriter.write(dataset, target, options);
            case YOLO -> YoloWriter.write(dataset, target, options);
            case DLIB -> throw new DatasetFormatException(target + ": detkit reads dlib XML but does not write it");
        };
    }

    private static Path cocoFile(Path dir) throws IOException {
        Path f = FormatDetector.cocoJson(dir);
        if (f == null) {
            throw new DatasetFormatException(dir + ": no single COCO JSON file in this folder or its annotations/ folder;"
                    + " give the JSON file");
        }
        return f;
    }

    private static Path dlibFile(Path dir) throws IOException {
        Path f = FormatDetector.dlibXml(dir);
        if (f == null) {
            throw new DatasetFormatException(dir + ": no single dlib XML file in this folder; give the XML file");
        }
        return f;
    }
}
