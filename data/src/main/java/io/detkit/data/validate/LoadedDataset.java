package io.detkit.data.validate;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset as a reader produced it: the samples, where each sample and box came from (file and
 * line/record, for messages), and the problems the reader found while parsing (records it had to
 * leave out). The {@link Validator} adds the problems it can see in the data itself.
 */
public final class LoadedDataset {
    private final DetectionDataset dataset;
    private final List<Location> sampleSources;
    private final List<List<Location>> boxSources;
    private final List<Problem> problems;
    private final boolean sizesFromImages;

    /**
     * Creates a loaded dataset.
     *
     * @param dataset the samples and classes
     * @param sampleSources for each sample, where its annotation is (label file, XML file, JSON record)
     * @param boxSources for each sample, where each of its boxes is
     * @param problems the problems the reader found, in file order
     * @param sizesFromImages true when the reader took every sample's size from its image header
     *     (the validator then does not read the headers again)
     */
    public LoadedDataset(DetectionDataset dataset, List<Location> sampleSources, List<List<Location>> boxSources,
            List<Problem> problems, boolean sizesFromImages) {
        int n = dataset.samples().size();
        if (sampleSources.size() != n || boxSources.size() != n) {
            throw new IllegalArgumentException("sources (" + sampleSources.size() + ", " + boxSources.size()
                    + ") do not match the " + n + " samples");
        }
        for (int i = 0; i < n; i++) {
            if (boxSources.get(i).size() != dataset.samples().get(i).size()) {
                throw new IllegalArgumentException("sample " + i + ": " + boxSources.get(i).size() + " box sources for "
                        + dataset.samples().get(i).size() + " boxes");
            }
        }
        this.dataset = dataset;
        this.sampleSources = List.copyOf(sampleSources);
        List<List<Location>> copy = new ArrayList<>(n);
        for (List<Location> l : boxSources) {
            copy.add(List.copyOf(l));
        }
        this.boxSources = List.copyOf(copy);
        this.problems = List.copyOf(problems);
        this.sizesFromImages = sizesFromImages;
    }

    /**
     * Wraps a dataset made in memory: each sample's source is its image path.
     *
     * @param dataset the dataset
     * @return the loaded dataset, without reader problems
     */
    public static LoadedDataset of(DetectionDataset dataset) {
        List<Location> samples = new ArrayList<>();
        List<List<Location>> boxes = new ArrayList<>();
        for (DetectionSample s : dataset.samples()) {
            Location l = Location.of(s.imagePath());
            samples.add(l);
            List<Location> b = new ArrayList<>(s.size());
            for (int i = 0; i < s.size(); i++) {
                b.add(new Location(s.imagePath(), 0, "box[" + i + "]"));
            }
            boxes.add(b);
        }
        return new LoadedDataset(dataset, samples, boxes, List.of(), false);
    }

    /** @return the dataset */
    public DetectionDataset dataset() {
        return dataset;
    }

    /** @return the problems the reader found */
    public List<Problem> problems() {
        return problems;
    }

    /** @return true when the sample sizes were read from the image headers */
    public boolean sizesFromImages() {
        return sizesFromImages;
    }

    /**
     * @param sample a sample index
     * @return where the sample's annotation is
     */
    public Location source(int sample) {
        return sampleSources.get(sample);
    }

    /**
     * @param sample a sample index
     * @param box a box index in that sample
     * @return where the box is
     */
    public Location source(int sample, int box) {
        return boxSources.get(sample).get(box);
    }

    /**
     * @param sample a sample index
     * @return the sources of its boxes
     */
    public List<Location> boxSources(int sample) {
        return boxSources.get(sample);
    }
}
