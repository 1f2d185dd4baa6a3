package io.detkit.data.format;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Location;
import io.detkit.data.validate.Problem;
import io.detkit.data.validate.ProblemKind;
import java.util.ArrayList;
import java.util.List;

/** Collects the samples, their sources and the problems of a reader, then makes the {@link LoadedDataset}. */
final class LoadBuilder {
    private final List<DetectionSample> samples = new ArrayList<>();
    private final List<Location> sources = new ArrayList<>();
    private final List<List<Location>> boxSources = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    /** Records a problem about a record that is left out of the dataset. */
    void problem(ProblemKind kind, Location where, String message) {
        problems.add(Problem.excluded(kind, where, message));
    }

    void add(DetectionSample sample, Location source, List<Location> boxes) {
        samples.add(sample);
        sources.add(source);
        boxSources.add(boxes);
    }

    int sampleCount() {
        return samples.size();
    }

    LoadedDataset build(List<String> names, int[] categoryIds, boolean sizesFromImages) {
        return new LoadedDataset(new DetectionDataset(names, categoryIds, samples), sources, boxSources, problems,
                sizesFromImages);
    }
}
