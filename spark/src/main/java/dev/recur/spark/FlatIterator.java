package dev.recur.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Lazily maps each input to a list of outputs, so a partition never holds more than one input's results. */
final class FlatIterator<I, O> implements Iterator<O> {
    private final Iterator<I> in;
    private final Function<I, List<O>> f;
    private Iterator<O> current = Collections.emptyIterator();

    FlatIterator(Iterator<I> in, Function<I, List<O>> f) {
        this.in = in;
        this.f = f;
    }

    @Override public boolean hasNext() {
        while (!current.hasNext() && in.hasNext()) current = f.apply(in.next()).iterator();
        return current.hasNext();
    }

    @Override public O next() {
        if (!hasNext()) throw new NoSuchElementException();
        return current.next();
    }
}
