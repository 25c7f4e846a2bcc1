package dev.classifier.dataset;

import java.util.List;

/** Rows split in two: to train on and to test on. */
public record TrainTestSplit<T>(List<T> train, List<T> test) {

    public TrainTestSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
